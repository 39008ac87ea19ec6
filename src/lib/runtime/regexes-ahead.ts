/**
 * Parsing a library's regexes before the library builds them, a few per task. V8 keeps each
 * regex it has parsed, keyed by pattern and flags, and a later `new RegExp` of the same pair
 * reuses it (0.02–0.1 ms instead of 2–6 ms at 4x CPU for a pattern with Unicode classes,
 * measured in Chromium). The cache is emptied after a second full garbage collection, so this
 * runs just before the library's own module: the build makes that module import one that calls
 * this (tooling/regexes-ahead.ts).
 */
import { timeSlices } from './yield-to-page';

/** [pattern, flags], exactly as the library passes them to `new RegExp`. */
export type RegexSource = readonly [pattern: string, flags: string];

export async function parseRegexesAhead(
	sources: readonly RegexSource[],
	pause: () => Promise<void> = timeSlices()
): Promise<void> {
	for (const [pattern, flags] of sources) {
		try {
			new RegExp(pattern, flags);
		} catch {
			// A pattern this browser cannot parse: the library's own build says so, not this.
		}
		await pause();
	}
}
