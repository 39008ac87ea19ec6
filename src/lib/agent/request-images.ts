/**
 * A session's images as a request carries them: image blocks for a model that accepts images,
 * short notes for one that does not, for old images cleared to make room, and for images whose
 * bytes this browser no longer has. Notes are deterministic, like the rest of the request.
 *
 * Whether the model accepts images is decided per request, from the model: it holds for a whole
 * session unless the person switches model (which starts a new cache anyway) or changes the
 * model's image setting, which rewrites the request from the first image on — the least any
 * change can, since the model must now see the images or stop seeing them.
 */
import type { ImageBlock, TextBlock } from '../providers';
import type { ImageRef } from '../session';
import { clearedImageNote, lostImageNote, noVisionNote, type ImageOrigin } from './context/images';

export interface RequestImages {
	/** The model accepts images; otherwise each goes as a note. */
	readonly accepted: boolean;
	/** An image's base64 by hash (SessionLog.image); undefined when it was lost. */
	data(hash: string): string | undefined;
}

/** For requests built only to be measured or shown: every image as a note. */
export const IMAGES_AS_NOTES: RequestImages = { accepted: false, data: () => undefined };

/** One image as the model gets it. */
export function imageContent(
	ref: ImageRef,
	origin: ImageOrigin,
	images: RequestImages,
	cleared: boolean
): ImageBlock | TextBlock {
	if (cleared) return { type: 'text', text: clearedImageNote(ref, origin) };
	if (!images.accepted) return { type: 'text', text: noVisionNote(ref, origin) };
	const data = images.data(ref.hash);
	if (data === undefined) return { type: 'text', text: lostImageNote(ref, origin) };
	return {
		type: 'image',
		mediaType: ref.mediaType,
		data,
		width: ref.width,
		height: ref.height
	};
}

/**
 * A tool result's text and images: images that can go ride in the result, notes for the others
 * are added to its text (a tool result has no other place for them on every API).
 */
export function toolResultContent(
	output: string,
	refs: readonly ImageRef[] | undefined,
	images: RequestImages,
	cleared: boolean
): { content: string; images?: ImageBlock[] } {
	if (!refs || refs.length === 0) return { content: output };
	const blocks: ImageBlock[] = [];
	const notes: string[] = [];
	for (const ref of refs) {
		const item = imageContent(ref, 'screenshot', images, cleared);
		if (item.type === 'image') blocks.push(item);
		else notes.push(item.text);
	}
	const content = [output, ...notes].filter((part) => part !== '').join('\n');
	return blocks.length > 0 ? { content, images: blocks } : { content };
}
