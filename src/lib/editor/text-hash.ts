import type { Text } from '@codemirror/state';

/**
 * A short fingerprint of a text (cyrb53: 53 bits, not cryptographic), so a stored draft can tell
 * whether the file it started from has changed since without storing that file a second time.
 */
export function textHash(text: string): string {
	let h1 = 0xdeadbeef ^ text.length;
	let h2 = 0x41c6ce57 ^ text.length;
	for (let i = 0; i < text.length; i++) {
		const ch = text.charCodeAt(i);
		h1 = Math.imul(h1 ^ ch, 2654435761);
		h2 = Math.imul(h2 ^ ch, 1597334677);
	}
	h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
	h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
	return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36) + ':' + text.length.toString(36);
}

// Documents are immutable: one hash per document object, however often it is asked for.
const cache = new WeakMap<Text, string>();

export function docHash(doc: Text): string {
	let hash = cache.get(doc);
	if (hash === undefined) {
		hash = textHash(doc.toString());
		cache.set(doc, hash);
	}
	return hash;
}
