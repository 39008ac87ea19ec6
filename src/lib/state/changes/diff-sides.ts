import type { FileData } from '../../storage';
import { isBinary } from '../../workspace';
import type { FileChange } from './change-source';

/**
 * Above this many bytes on either side the review shows a line instead of a diff: the merge view
 * lays out both documents in full, and a diff of megabytes would freeze the tab.
 */
export const MAX_DIFF_BYTES = 256 * 1024;

/** What the review shows for one file: both sides as text, or one line saying why not. */
export type ChangeDiff =
	| { readonly kind: 'text'; readonly before: string; readonly after: string }
	| { readonly kind: 'binary'; readonly message: string }
	| { readonly kind: 'too-large'; readonly message: string };

type Side =
	| { readonly kind: 'text'; readonly text: string; readonly bytes: number }
	| { readonly kind: 'binary'; readonly bytes: number };

const encoder = new TextEncoder();

function sideOf(data: FileData | null): Side {
	if (data === null) return { kind: 'text', text: '', bytes: 0 };
	if (typeof data === 'string')
		return { kind: 'text', text: data, bytes: encoder.encode(data).byteLength };
	if (isBinary(data)) return { kind: 'binary', bytes: data.byteLength };
	// Lossy decoding only matters for saving; the review never writes this text back.
	return { kind: 'text', text: new TextDecoder().decode(data), bytes: data.byteLength };
}

function bytesWord(bytes: number): string {
	return `${bytes.toLocaleString('en')} ${bytes === 1 ? 'byte' : 'bytes'}`;
}

function sizes(change: FileChange, before: Side, after: Side): string {
	if (change.status === 'added') return `added, ${bytesWord(after.bytes)}`;
	if (change.status === 'deleted') return `deleted, was ${bytesWord(before.bytes)}`;
	return `${bytesWord(before.bytes)} before, ${bytesWord(after.bytes)} after`;
}

/** How the review shows a change: a side-by-side diff, or why there is none. */
export function changeDiff(change: FileChange): ChangeDiff {
	const before = sideOf(change.before);
	const after = sideOf(change.after);
	if (before.kind === 'binary' || after.kind === 'binary') {
		return {
			kind: 'binary',
			message: `Binary file (${sizes(change, before, after)}): no text diff to show. Revert still restores the exact bytes.`
		};
	}
	if (before.bytes > MAX_DIFF_BYTES || after.bytes > MAX_DIFF_BYTES) {
		return {
			kind: 'too-large',
			message: `Too large to diff (${sizes(change, before, after)}; the limit is ${bytesWord(MAX_DIFF_BYTES)}). Open the file in the editor to read it; Revert still works.`
		};
	}
	return { kind: 'text', before: before.text, after: after.text };
}
