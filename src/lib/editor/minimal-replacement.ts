import type { ChangeSpec } from '@codemirror/state';

/**
 * The smallest single replacement that turns `before` into `after`: the common prefix and suffix
 * stay untouched, so a cursor outside the changed middle keeps its place when an outside change
 * is applied to an open file. Returns null when the texts are equal.
 */
export function minimalReplacement(before: string, after: string): ChangeSpec | null {
	if (before === after) return null;
	const shorter = Math.min(before.length, after.length);
	let start = 0;
	while (start < shorter && before.charCodeAt(start) === after.charCodeAt(start)) start++;
	let end = 0;
	while (
		end < shorter - start &&
		before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)
	)
		end++;
	return { from: start, to: before.length - end, insert: after.slice(start, after.length - end) };
}
