import type { FileData } from './project-files';

const encoder = new TextEncoder();

export function bytesOf(data: FileData): Uint8Array {
	return typeof data === 'string' ? encoder.encode(data) : data;
}

/**
 * The SHA-256 of a file's bytes (bytesOf) as lower-case hex: the key its blob is stored under.
 * Takes the bytes, not the content: the caller needs their length too, and encodes once.
 */
export async function sha256HexOfBytes(bytes: Uint8Array): Promise<string> {
	// A view on part of a larger buffer must be hashed as the view, not the whole buffer.
	const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
	let hex = '';
	for (const byte of new Uint8Array(digest)) hex += byte.toString(16).padStart(2, '0');
	return hex;
}
