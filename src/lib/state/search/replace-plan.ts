import { replaceInLine } from './line-matches';
import type { FileResult } from './search-results';

/**
 * Which matches a replace leaves alone: whole files or single matches the person unticked.
 * Keys come from matchKey(), so a refreshed result keeps what is still the same place.
 */
export interface ReplaceChoices {
	readonly offFiles: ReadonlySet<string>;
	readonly offMatches: ReadonlySet<string>;
}

export function matchKey(path: string, line: number, index: number): string {
	return `${path}\n${line}\n${index}`;
}

export function isTicked(
	choices: ReplaceChoices,
	path: string,
	line: number,
	index: number
): boolean {
	return !choices.offFiles.has(path) && !choices.offMatches.has(matchKey(path, line, index));
}

export interface FileReplacement {
	readonly text: string;
	/** Matches replaced. */
	readonly replaced: number;
	/** Listed lines that no longer hold what was listed (the file changed): left alone. */
	readonly staleLines: number;
}

/**
 * A file's text with the ticked, listed matches replaced; everything else (unticked matches,
 * matches past the listing's cap, lines that changed since the search) is left as it is. Lines
 * are split as the engine splits them, on \n, keeping a \r.
 */
export function replaceInFile(
	text: string,
	result: FileResult,
	regex: RegExp,
	template: string,
	choices: ReplaceChoices
): FileReplacement {
	const lines = text.split('\n');
	let replaced = 0;
	let staleLines = 0;
	for (const listed of result.lines) {
		const raw = lines[listed.line];
		const cr = raw?.endsWith('\r') ? '\r' : '';
		const current = raw === undefined ? undefined : raw.slice(0, raw.length - cr.length);
		if (current !== listed.text) {
			staleLines++;
			continue;
		}
		const take = (index: number) =>
			index < listed.ranges.length && isTicked(choices, result.path, listed.line, index);
		const next = replaceInLine(current, regex, template, (index) => {
			const yes = take(index);
			if (yes) replaced++;
			return yes;
		});
		lines[listed.line] = next + cr;
	}
	return { text: lines.join('\n'), replaced, staleLines };
}
