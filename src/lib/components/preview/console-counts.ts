import type { PreviewLogEntry } from '$lib/tools';

/**
 * Errors and warnings of the page shown now: those after the latest navigation. Older ones stay
 * in the list, but a badge that still counted them after a fix and reload would be a false alarm.
 */
export function pageCounts(entries: readonly PreviewLogEntry[]): {
	errors: number;
	warnings: number;
} {
	let errors = 0;
	let warnings = 0;
	for (let i = entries.length - 1; i >= 0; i--) {
		const entry = entries[i]!;
		if (entry.kind === 'navigation') break;
		if (entry.level === 'error') errors++;
		else if (entry.level === 'warn') warnings++;
	}
	return { errors, warnings };
}

/** "2 errors", "1 warning": what a count badge says aloud. */
export function countWords(count: number, one: string, many: string): string {
	return `${count} ${count === 1 ? one : many}`;
}
