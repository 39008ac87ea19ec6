/** base64url without padding: the alphabet that survives URLs, autolinkers and copy-paste. */

const CHUNK = 0x8000;

export function toBase64Url(bytes: Uint8Array): string {
	let binary = '';
	for (let i = 0; i < bytes.length; i += CHUNK) {
		binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
	}
	return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** Null when `text` is not base64url (a character outside the alphabet, or an impossible length). */
export function fromBase64Url(text: string): Uint8Array | null {
	if (!BASE64URL.test(text) || text.length % 4 === 1) return null;
	const padded =
		text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
	let binary: string;
	try {
		binary = atob(padded);
	} catch {
		return null;
	}
	const bytes = new Uint8Array(binary.length);
	for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
	return bytes;
}
