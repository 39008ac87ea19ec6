import { createTwoFilesPatch, FILE_HEADERS_ONLY, formatPatch } from 'diff';

/**
 * How far the diff looks for the smallest set of changes: past this many changed lines, or this
 * long, it gives up. The search costs changed lines × file length: a full rewrite of 2,000 lines
 * took 730 ms, of 5,000 lines 5.9 s, on the page's main thread while the agent wrote. At 500
 * lines the worst case here was ~27 ms; the time limit covers files far longer than those.
 */
export const DIFF_MAX_EDIT_LENGTH = 500;
const DIFF_TIMEOUT_MS = 40;

/**
 * A unified diff of one file for the chat's write and edit cards: git-style `a/` and `b/`
 * headers, 3 lines of context, no `Index:` banner. A change too large to diff in time is shown
 * as what it is: every old line removed and every new line added, in one hunk.
 */
export function unifiedFileDiff(path: string, before: string, after: string): string {
	const from = `a/${path}`;
	const to = `b/${path}`;
	const options = {
		context: 3,
		headerOptions: FILE_HEADERS_ONLY,
		maxEditLength: DIFF_MAX_EDIT_LENGTH,
		timeout: DIFF_TIMEOUT_MS
	};
	return (
		createTwoFilesPatch(from, to, before, after, undefined, undefined, options) ??
		wholeFileReplaced(from, to, before, after)
	);
}

function wholeFileReplaced(from: string, to: string, before: string, after: string): string {
	const removed = linesOf(before);
	const added = linesOf(after);
	const hunk = {
		// An empty side is written "-0,0" or "+0,0": formatPatch does that from a start of 1.
		oldStart: 1,
		oldLines: removed.length,
		newStart: 1,
		newLines: added.length,
		lines: [...marked(removed, '-', before), ...marked(added, '+', after)]
	};
	const patch = { oldFileName: from, newFileName: to, oldHeader: undefined, newHeader: undefined };
	return formatPatch({ ...patch, hunks: [hunk] }, FILE_HEADERS_ONLY);
}

function linesOf(text: string): string[] {
	if (text === '') return [];
	const lines = text.split('\n');
	if (text.endsWith('\n')) lines.pop();
	return lines;
}

/** The lines with their sign, and the note a last line without a newline gets. */
function marked(lines: string[], sign: '-' | '+', text: string): string[] {
	const signed = lines.map((line) => sign + line);
	if (text !== '' && !text.endsWith('\n')) signed.push('\\ No newline at end of file');
	return signed;
}
