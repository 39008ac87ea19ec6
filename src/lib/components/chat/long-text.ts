/**
 * A very long message (a pasted log, a whole file) in the transcript. Laid out whole, it was one
 * layout of 650 ms for 1 MB (10,000 lines), each time the chat showed it. It is shown by its
 * beginning, and in full only when asked, in blocks the browser lays out as they scroll into view.
 */

/** What the collapsed message shows: at most this many lines, and at most this many characters. */
export const PREVIEW_LINES = 40;
export const PREVIEW_CHARS = 4_000;
/** Lines per block of the expanded message: each is laid out only near the screen. */
export const BLOCK_LINES = 200;

export interface TextPreview {
	/** The beginning shown, cut at a line's end where it can be. */
	readonly shown: string;
	/** Lines in the whole text (a final line without a newline counts). */
	readonly totalLines: number;
	/** Whether anything is left out of `shown`. */
	readonly cut: boolean;
}

/** Lines in `text`, counted without splitting it (1 MB would be 10,000 strings). */
export function countLines(text: string): number {
	if (text === '') return 0;
	let lines = 1;
	for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lines++;
	// A text ending with a newline has no line after it.
	return text.endsWith('\n') ? lines - 1 : lines;
}

export function previewOf(
	text: string,
	maxLines = PREVIEW_LINES,
	maxChars = PREVIEW_CHARS
): TextPreview {
	const totalLines = countLines(text);
	let end = 0;
	for (let lines = 0; lines < maxLines && end < text.length; lines++) {
		const next = text.indexOf('\n', end);
		const lineEnd = next === -1 ? text.length : next + 1;
		if (lineEnd > maxChars) {
			// A first line longer than the budget is cut inside; otherwise at the last line's end.
			if (lines === 0) end = maxChars;
			break;
		}
		end = lineEnd;
	}
	const shown = text.slice(0, end);
	return { shown, totalLines, cut: shown.length < text.length };
}

/** `text` in blocks of `linesPerBlock` lines (the last may be shorter), with their line counts. */
export function blocksOf(
	text: string,
	linesPerBlock = BLOCK_LINES
): { text: string; lines: number }[] {
	const blocks: { text: string; lines: number }[] = [];
	let start = 0;
	while (start < text.length) {
		let end = start;
		let lines = 0;
		while (lines < linesPerBlock && end < text.length) {
			const next = text.indexOf('\n', end);
			end = next === -1 ? text.length : next + 1;
			lines++;
		}
		blocks.push({ text: text.slice(start, end), lines });
		start = end;
	}
	return blocks;
}
