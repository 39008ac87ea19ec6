/**
 * Images in the context: what one costs in tokens, which models accept them, and the notes a
 * model gets instead of an image it cannot see (or one cleared or lost).
 */
import type { ImageBlock } from '../../providers';
import { describeImage, type ImageRef } from '../../session';

/** Anthropic's image size rules: the long side is scaled to 1568 px, the area to ~1,600 tokens. */
const MAX_LONG_SIDE = 1568;
const PIXELS_PER_TOKEN = 750;
const MAX_IMAGE_TOKENS = 1600;

/**
 * Input tokens an image costs: width×height/750 (Anthropic's rule), after the scaling the API
 * applies to larger images. OpenAI's tile count lands near it for the sizes Kiln sends.
 */
export function imageTokens(image: Pick<ImageBlock, 'width' | 'height'>): number {
	const { width, height } = image;
	if (width <= 0 || height <= 0) return 0;
	const side = Math.min(1, MAX_LONG_SIDE / Math.max(width, height));
	const tokens = Math.ceil((width * side * (height * side)) / PIXELS_PER_TOKEN);
	return Math.min(tokens, MAX_IMAGE_TOKENS);
}

/** Where an image came from, for its notes. */
export type ImageOrigin = 'attached' | 'screenshot';

const ORIGIN_WORDS: Record<ImageOrigin, string> = {
	attached: 'image attached by the person',
	screenshot: 'screenshot'
};

/** What a model without vision reads in an image's place. */
export function noVisionNote(ref: ImageRef, origin: ImageOrigin): string {
	return `[image: ${describeImage(ref)} ${ORIGIN_WORDS[origin]} not sent: this model does not accept images]`;
}

/** An image whose bytes this browser no longer has (storage set it aside or lost it). */
export function lostImageNote(ref: ImageRef, origin: ImageOrigin): string {
	return `[image: ${describeImage(ref)} ${ORIGIN_WORDS[origin]} not sent: it could not be read from this browser's storage]`;
}

/** An old image cleared to make room, like an old tool result. */
export function clearedImageNote(ref: ImageRef, origin: ImageOrigin): string {
	const again =
		origin === 'attached' ? 'ask the person to attach it again' : 'take a new screenshot';
	return `[image: ${describeImage(ref)} ${ORIGIN_WORDS[origin]} cleared to save context — ${again} if you need it]`;
}

/**
 * Model ids (lower-case, router prefix removed) known to accept images. Claude 3 and later
 * do, Claude 2 and Instant do not; OpenAI's GPT-4o, 4.1, 5 and the o-series (not o1-mini and
 * o3-mini) do. Order matters: the first entry that matches decides, so each exception comes
 * before its family.
 */
const VISION: readonly { readonly pattern: RegExp; readonly accepts: boolean }[] = [
	{ pattern: /^claude-(2|instant)/, accepts: false },
	{ pattern: /^claude-/, accepts: true },
	{ pattern: /^(o1-mini|o3-mini)\b/, accepts: false },
	{ pattern: /^(gpt-4o|chatgpt-4o|gpt-4\.1|gpt-4-turbo|gpt-5|o1|o3|o4)/, accepts: true },
	{ pattern: /^(gpt-3\.5|gpt-4(-\d{4})?$|gpt-4-32k)/, accepts: false },
	{ pattern: /^gemini-/, accepts: true }
];

/**
 * Whether the model accepts images: the person's setting for it wins (a local model), then
 * what Kiln knows of the id. Undefined: Kiln does not know, and the model is sent notes (an
 * image the model cannot take would fail the whole request) until the person says it can.
 */
export function modelAcceptsImages(model: string, setting?: boolean): boolean | undefined {
	if (setting !== undefined) return setting;
	const lower = model.toLowerCase().trim();
	const id = lower.slice(lower.lastIndexOf('/') + 1);
	return VISION.find((entry) => entry.pattern.test(id))?.accepts;
}
