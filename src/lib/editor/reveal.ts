import type { EditorState, TransactionSpec } from '@codemirror/state';
import { EditorView } from '@codemirror/view';

/** Where a link into a file points: 1-based line, optional 1-based column. */
export interface FilePosition {
	readonly line: number;
	readonly column?: number;
}

/**
 * Puts the cursor at a line (and column) and scrolls it to the middle of the view. Positions
 * past the end are clamped: a stack trace may name a line of an older version of the file.
 */
export function revealSpec(
	state: EditorState,
	{ line, column = 1 }: FilePosition
): TransactionSpec {
	const lineNumber = Math.min(Math.max(1, Math.floor(line) || 1), state.doc.lines);
	const target = state.doc.line(lineNumber);
	const pos = Math.min(target.from + Math.max(0, Math.floor(column) - 1), target.to);
	return { selection: { anchor: pos }, effects: EditorView.scrollIntoView(pos, { y: 'center' }) };
}
