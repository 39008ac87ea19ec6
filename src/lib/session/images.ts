/**
 * Images in a session: the person's pasted pictures and tools' screenshots. Events name an image
 * by the hash of its bytes (an ImageRef) instead of carrying it, so a picture sent once and
 * rebuilt into every later request is stored once; the log holds the bytes (SessionLog.image).
 */
import type { ImageMediaType } from '../providers';

export const IMAGE_MEDIA_TYPES: readonly ImageMediaType[] = [
	'image/png',
	'image/jpeg',
	'image/webp',
	'image/gif'
];

/** An image with its bytes, as a tool or the chat hands it over. */
export interface SessionImage {
	readonly mediaType: ImageMediaType;
	/** Base64, without a `data:` prefix. */
	readonly data: string;
	readonly width: number;
	readonly height: number;
}

/** What an event stores for an image: enough to describe it and to find its bytes. */
export interface ImageRef {
	/** SHA-256 of the decoded bytes, lower-case hex. */
	readonly hash: string;
	readonly mediaType: ImageMediaType;
	readonly width: number;
	readonly height: number;
	/** Decoded size, for storage accounting and the chat. */
	readonly bytes: number;
}

export function base64ToBytes(data: string): Uint8Array<ArrayBuffer> {
	const binary = atob(data);
	const bytes = new Uint8Array(binary.length);
	for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
	return bytes;
}

export function bytesToBase64(bytes: Uint8Array): string {
	// Chunks keep String.fromCharCode's argument list well under engines' limits.
	const CHUNK = 0x8000;
	let binary = '';
	for (let i = 0; i < bytes.length; i += CHUNK) {
		binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
	}
	return btoa(binary);
}

export async function sha256OfBytes(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
	const digest = await crypto.subtle.digest('SHA-256', bytes);
	let hex = '';
	for (const byte of new Uint8Array(digest)) hex += byte.toString(16).padStart(2, '0');
	return hex;
}

/**
 * The reference for an image, after checking it is what it claims to be: base64 that decodes, a
 * known format, sane dimensions. Throws an Error that says what is wrong (a tool's bug, a
 * hostile file): nothing unreadable is stored or sent.
 */
export async function imageRefOf(
	image: SessionImage
): Promise<{ ref: ImageRef; bytes: Uint8Array<ArrayBuffer> }> {
	if (!IMAGE_MEDIA_TYPES.includes(image.mediaType)) {
		throw new Error(
			`Images must be PNG, JPEG, WebP or GIF; this one is ${String(image.mediaType)}.`
		);
	}
	if (!isDimension(image.width) || !isDimension(image.height)) {
		throw new Error(`An image's size must be whole pixels; got ${image.width}×${image.height}.`);
	}
	// Strict: what is kept is sent as is, and the APIs refuse base64 with spaces or a data: prefix.
	if (!BASE64.test(image.data)) {
		throw new Error('The image data is not valid base64, so the image cannot be kept.');
	}
	const bytes = base64ToBytes(image.data);
	if (bytes.length === 0) throw new Error('The image is empty.');
	const ref: ImageRef = {
		hash: await sha256OfBytes(bytes),
		mediaType: image.mediaType,
		width: image.width,
		height: image.height,
		bytes: bytes.length
	};
	return { ref, bytes };
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function isDimension(value: number): boolean {
	return Number.isInteger(value) && value > 0 && value <= 100_000;
}

const FORMAT_NAMES: Record<ImageMediaType, string> = {
	'image/png': 'PNG',
	'image/jpeg': 'JPEG',
	'image/webp': 'WebP',
	'image/gif': 'GIF'
};

/** "1280×720 PNG": how notes and the chat name an image. */
export function describeImage(ref: Pick<ImageRef, 'mediaType' | 'width' | 'height'>): string {
	return `${ref.width}×${ref.height} ${FORMAT_NAMES[ref.mediaType]}`;
}
