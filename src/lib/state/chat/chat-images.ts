/**
 * Where the chat's thumbnails come from: an image being sent shows from its data URL, a stored
 * one from the open session's log (which loaded the chat's images with its events).
 */
import type { SessionImage, SessionLog } from '../../session';
import type { ChatImage } from './view-model';

/** What the transcript shows for images being sent, before the log has stored them. */
export function previewImages(images: readonly SessionImage[]): ChatImage[] {
	return images.map((image) => ({
		src: `data:${image.mediaType};base64,${image.data}`,
		mediaType: image.mediaType,
		width: image.width,
		height: image.height
	}));
}

/** The image's URL for an <img>, or undefined when its bytes are not here (lost from storage). */
export function imageSource(image: ChatImage, log: SessionLog | null): string | undefined {
	if (image.src !== undefined) return image.src;
	const data = image.hash === undefined ? undefined : log?.image(image.hash);
	return data === undefined ? undefined : `data:${image.mediaType};base64,${data}`;
}
