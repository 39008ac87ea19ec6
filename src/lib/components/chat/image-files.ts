/**
 * Turning a pasted, dropped or picked file into an image the chat can send: only PNG, JPEG, WebP
 * and GIF, nothing over the size limit, and anything larger than the models look at scaled down
 * first (Anthropic scales images to 1568 px on the long side anyway; sending more only costs
 * storage and upload). A file that is not what it claims fails to decode and is refused.
 */
import { bytesToBase64, IMAGE_MEDIA_TYPES, type SessionImage } from '$lib/session';
import type { ImageMediaType } from '$lib/providers';

/** Files larger than this are refused before they are read. */
export const MAX_IMAGE_FILE_BYTES = 20 * 1024 * 1024;
/** The APIs refuse images over 5 MB of base64; what is sent stays under it. */
const MAX_SENT_BYTES = 3_700_000;
export const MAX_IMAGE_SIDE = 1568;

export class ImageFileError extends Error {}

function isImageType(type: string): type is ImageMediaType {
	return (IMAGE_MEDIA_TYPES as readonly string[]).includes(type);
}

/** The sides an image of `width`×`height` is scaled to so its long side is at most `max`. */
export function fitWithin(width: number, height: number, max = MAX_IMAGE_SIDE) {
	const scale = Math.min(1, max / Math.max(width, height));
	return {
		width: Math.max(1, Math.round(width * scale)),
		height: Math.max(1, Math.round(height * scale))
	};
}

/** Reads, checks and (if need be) downscales one file. Throws ImageFileError, worded for the person. */
export async function imageFromFile(file: File): Promise<SessionImage> {
	const name = file.name || 'The pasted item';
	if (!isImageType(file.type)) {
		throw new ImageFileError(
			`${name} is not an image Kiln can send (PNG, JPEG, WebP or GIF). Attach one of those.`
		);
	}
	if (file.size > MAX_IMAGE_FILE_BYTES) {
		const megabytes = Math.round(file.size / 1024 / 1024);
		throw new ImageFileError(
			`${name} is ${megabytes} MB; images up to 20 MB can be attached. Save a smaller copy and attach that.`
		);
	}
	let bitmap: ImageBitmap;
	try {
		bitmap = await createImageBitmap(file);
	} catch {
		throw new ImageFileError(`${name} could not be read as an image. Is the file damaged?`);
	}
	try {
		const size = fitWithin(bitmap.width, bitmap.height);
		const unchanged = size.width === bitmap.width && file.size <= MAX_SENT_BYTES;
		if (unchanged) {
			const data = bytesToBase64(new Uint8Array(await file.arrayBuffer()));
			return { mediaType: file.type, data, width: bitmap.width, height: bitmap.height };
		}
		return await reencode(bitmap, size, name);
	} finally {
		bitmap.close();
	}
}

/** Draws the image at `size` and encodes it: PNG keeps sharp screenshots, JPEG if that is too big. */
async function reencode(
	bitmap: ImageBitmap,
	size: { width: number; height: number },
	name: string
): Promise<SessionImage> {
	const canvas = new OffscreenCanvas(size.width, size.height);
	const context = canvas.getContext('2d');
	if (!context) throw new ImageFileError(`${name} could not be scaled down in this browser.`);
	context.drawImage(bitmap, 0, 0, size.width, size.height);
	for (const [type, quality] of [
		['image/png', undefined],
		['image/jpeg', 0.85]
	] as const) {
		const blob = await canvas.convertToBlob({ type, quality });
		if (blob.size > MAX_SENT_BYTES) continue;
		const data = bytesToBase64(new Uint8Array(await blob.arrayBuffer()));
		return { mediaType: type, data, ...size };
	}
	throw new ImageFileError(
		`${name} is still too large after scaling down. Attach a smaller image.`
	);
}
