import { FILE_HEADERS_ONLY, formatPatch, structuredPatch } from 'diff';
import { plural } from './wording';

/** A file's diff longer than this is summarised instead: the model can read the file. */
export const MAX_FILE_DIFF_CHARS = 6000;
/** Diffs for all files together; files past it are summarised in one line each. */
export const MAX_TOTAL_DIFF_CHARS = 16_000;
/** Past this many changed lines jsdiff stops (its cost grows with the edit size). */
const MAX_EDIT_LENGTH = 600;
/** Files this big together are summarised without diffing at all. */
const MAX_DIFFED_CHARS = 2_000_000;

export type FileState = { kind: 'text'; text: string } | { kind: 'binary' } | { kind: 'missing' };

export interface FileEdit {
	readonly path: string;
	readonly before: FileState;
	readonly after: FileState;
}

/**
 * Unified diffs of the person's edits, within the character budgets; a file whose diff is too
 * big (or binary) becomes one line saying what changed. null when nothing changed.
 */
export function describeEdits(edits: readonly FileEdit[]): string | null {
	const parts: string[] = [];
	let total = 0;
	for (const edit of edits) {
		const full = describeEdit(edit, total < MAX_TOTAL_DIFF_CHARS);
		if (full === null) continue;
		const fits = total + full.length <= MAX_TOTAL_DIFF_CHARS;
		const part = fits ? full : describeEdit(edit, false);
		if (part === null) continue;
		total += part.length;
		parts.push(part);
	}
	if (parts.length === 0) return null;
	return (
		'The person changed these files in the editor since your last turn (unified diffs against ' +
		'what you last saw; the files now hold the new content):\n\n' +
		parts.join('\n')
	);
}

function describeEdit({ path, before, after }: FileEdit, withDiff: boolean): string | null {
	if (before.kind === 'missing' && after.kind === 'missing') return null;
	if (after.kind === 'missing') return `Deleted: ${path}\n`;
	if (before.kind === 'text' && after.kind === 'text' && before.text === after.text) return null;
	const verb = before.kind === 'missing' ? 'Created' : 'Changed';
	if (before.kind === 'binary' || after.kind === 'binary') return `${verb}: ${path} (binary)\n`;
	const oldText = before.kind === 'text' ? before.text : '';
	const newText = after.text;
	const summary = `${verb}: ${path} (${lineCounts(oldText, newText)}; read it to see it whole)\n`;
	if (!withDiff || oldText.length + newText.length > MAX_DIFFED_CHARS) return summary;
	const patch = structuredPatch(
		before.kind === 'missing' ? '/dev/null' : `a/${path}`,
		`b/${path}`,
		oldText,
		newText,
		undefined,
		undefined,
		{ context: 3, maxEditLength: MAX_EDIT_LENGTH }
	);
	if (!patch) return summary;
	const diff = formatPatch(patch, FILE_HEADERS_ONLY);
	return diff.length <= MAX_FILE_DIFF_CHARS ? `${verb}: ${path}\n${diff}` : summary;
}

function lineCounts(before: string, after: string): string {
	const count = (text: string) =>
		text === '' ? 0 : text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
	return before === ''
		? plural(count(after), 'line')
		: `was ${plural(count(before), 'line')}, now ${plural(count(after), 'line')}`;
}
