import type { FileData } from './project-files';

/**
 * Bytes a file takes: its length for bytes, its UTF-8 length for text (what an export would
 * hold). Counted without encoding, so measuring a large text costs no copy of it.
 */
export function dataBytes(data: FileData): number {
	if (typeof data !== 'string') return data.byteLength;
	let bytes = 0;
	for (let i = 0; i < data.length; i++) {
		const code = data.charCodeAt(i);
		if (code < 0x80) bytes += 1;
		else if (code < 0x800) bytes += 2;
		else if (code >= 0xd800 && code <= 0xdbff && i + 1 < data.length) {
			// A surrogate pair is one 4-byte character.
			bytes += 4;
			i++;
		} else bytes += 3;
	}
	return bytes;
}

/** Bytes of a stored record of the files store, 0 for folders and anything unreadable. */
export function entryBytes(value: unknown): number {
	if (!value || typeof value !== 'object') return 0;
	const data = (value as { data?: unknown }).data;
	if (typeof data === 'string') return dataBytes(data);
	// Bytes may come from another realm (tests clone across realms): not `instanceof`.
	return ArrayBuffer.isView(data) ? data.byteLength : 0;
}
