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

/** `knownHash`: hashBytes(bytes), when the caller worked it out already (hashSeedBytes). */
export function describeContent(bytes: Uint8Array, knownHash?: number): ContentInfo {
	const size = bytes.byteLength;
	const hash = knownHash ?? hashBytes(bytes);
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

/** Whether this platform stores a Uint32Array's words low byte first (every browser and Node here). */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * cyrb53 over the bytes taken four at a time (little-endian words, then the last 0–3 bytes):
 * fast, well spread, and small enough to keep one per file. Word by word it is ~4× faster than
 * byte by byte, which opening a project with megabytes of images paid in one task. The value
 * depends only on the bytes (not on where the array starts in its buffer), and is never stored:
 * it tells a real change from a rewrite of the same bytes within one page's life.
 */
export function hashBytes(bytes: Uint8Array): number {
	let h1 = 0xdeadbeef ^ bytes.length;
	let h2 = 0x41c6ce57 ^ bytes.length;
	const words = bytes.length >>> 2;
	if (LITTLE_ENDIAN && bytes.byteOffset % 4 === 0) {
		const view = new Uint32Array(bytes.buffer, bytes.byteOffset, words);
		for (let i = 0; i < words; i++) {
			const word = view[i]!;
			h1 = Math.imul(h1 ^ word, 2654435761);
			h2 = Math.imul(h2 ^ word, 1597334677);
		}
	} else {
		// The same words read byte by byte: an array that starts mid-word cannot be viewed as words.
		for (let i = 0; i < words; i++) {
			const at = i * 4;
			const word =
				(bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24)) >>>
				0;
			h1 = Math.imul(h1 ^ word, 2654435761);
			h2 = Math.imul(h2 ^ word, 1597334677);
		}
	}
	for (let i = words * 4; i < bytes.length; i++) {
		h1 = Math.imul(h1 ^ bytes[i]!, 2654435761);
		h2 = Math.imul(h2 ^ bytes[i]!, 1597334677);
	}
	h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
	h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
	return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
