/**
 * The fast path of matching one file: most files do not match at all, and most lines of those
 * that do do not either; splitting every file into lines to test each line was most of the
 * engine's time (and garbage). Instead the file is searched whole with the same pattern in
 * multiline mode, and only the lines where that search lands are tested on their own.
 *
 * Why that finds every matching line: without lookaround, a match inside one line is also a
 * match of the whole text at the same place (with the m flag, ^ and $ hold at line ends; \b
 * sees the newline as the non-word edge a lone line has). Searching from the start of a line
 * that matches therefore lands in that line, at or before its match. A landing that spans lines
 * is only a candidate: its line is tested alone, and the search goes on from the next line.
 */

const twins = new WeakMap<RegExp, RegExp | null>();

/** The global multiline twin of a per-line pattern, or null when lookaround makes it unsafe. */
export function wholeTextRegex(line: RegExp): RegExp | null {
	let twin = twins.get(line);
	if (twin !== undefined) return twin;
	// Conservative: any "(?=", "(?!", "(?<=" or "(?<!" in the source, even an escaped one.
	const lookaround = /\(\?<?[=!]/.test(line.source);
	twin = lookaround ? null : new RegExp(line.source, line.flags.replace(/[gym]/g, '') + 'gm');
	twins.set(line, twin);
	return twin;
}

export interface LineMatches {
	/** 0-based indexes of the matching lines, in order (only the first when asked for one). */
	readonly matched: number[];
	/** The text of each matching line. */
	readonly lines: Map<number, string>;
}

/**
 * The lines of `text` (split on \n, a final newline ending the last line) that `line` matches,
 * found through `twin` (wholeTextRegex(line)); `line` must not be global or sticky.
 */
export function matchingLines(
	text: string,
	line: RegExp,
	twin: RegExp,
	firstOnly: boolean
): LineMatches {
	const matched: number[] = [];
	const lines = new Map<number, string>();
	let index = 0;
	let counted = 0;
	twin.lastIndex = 0;
	for (let hit = twin.exec(text); hit; hit = twin.exec(text)) {
		const start = hit.index === 0 ? 0 : text.lastIndexOf('\n', hit.index - 1) + 1;
		// After a final newline there is no line (the split drops it), though /^$/m lands there.
		if (start === text.length && start > 0) break;
		let end = text.indexOf('\n', start);
		if (end < 0) end = text.length;
		index += countNewlines(text, counted, start);
		counted = start;
		const lineText = text.slice(start, end);
		if (line.test(lineText)) {
			matched.push(index);
			lines.set(index, lineText);
			if (firstOnly) break;
		}
		if (end >= text.length) break;
		twin.lastIndex = end + 1;
	}
	return { matched, lines };
}

/** How many lines `text` has as the engine splits it (a final newline ends the last line). */
export function lineCountOf(text: string): number {
	const newlines = countNewlines(text, 0, text.length);
	return text.endsWith('\n') && newlines > 0 ? newlines : newlines + 1;
}

function countNewlines(text: string, from: number, to: number): number {
	let count = 0;
	for (let at = text.indexOf('\n', from); at >= 0 && at < to; at = text.indexOf('\n', at + 1)) {
		count++;
	}
	return count;
}
