/** How many leading bytes decide whether a file is binary (as git and most editors do). */
const SNIFF_BYTES = 8 * 1024;

export interface ContentInfo {
	readonly size: number;
	/** A 53-bit hash of the bytes: with the size, tells a real change from a re-write of the same. */
	readonly hash: number;
	readonly binary: boolean;
	/** The decoded text of a text file (a BOM is kept, so it writes back byte for byte). */
	readonly text: string | undefined;
	/** The text decodes without loss: it can stand in for the bytes when saving. */
	readonly textIsExact: boolean;
}

const encoder = new TextEncoder();

export function encodeText(text: string): Uint8Array {
	return encoder.encode(text);
}

/** A NUL byte or invalid UTF-8 in the first 8 KB. A multi-byte character cut at the limit is fine. */
export function isBinary(bytes: Uint8Array): boolean {
	const head = bytes.subarray(0, SNIFF_BYTES);
	if (head.includes(0)) return true;
	try {
		new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(head, {
			stream: bytes.byteLength > SNIFF_BYTES
		});
		return false;
	} catch {
		return true;
	}
}

export function describeContent(bytes: Uint8Array): ContentInfo {
	const size = bytes.byteLength;
	const hash = hashBytes(bytes);
	if (isBinary(bytes)) return { size, hash, binary: true, text: undefined, textIsExact: false };
	try {
		const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
		return { size, hash, binary: false, text, textIsExact: true };
	} catch {
		// Valid at the start, broken later on: searchable as text, but saved as the original bytes.
		const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
		return { size, hash, binary: false, text, textIsExact: false };
	}
}

/** cyrb53 over bytes: fast, well spread, and small enough to keep one per file. */
export function hashBytes(bytes: Uint8Array): number {
	let h1 = 0xdeadbeef;
	let h2 = 0x41c6ce57;
	for (let i = 0; i < bytes.length; i++) {
		const byte = bytes[i]!;
		h1 = Math.imul(h1 ^ byte, 2654435761);
		h2 = Math.imul(h2 ^ byte, 1597334677);
	}
	h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
	h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
	return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
