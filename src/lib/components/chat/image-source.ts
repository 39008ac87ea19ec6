/**
 * How chat thumbnails find their pictures: the chat panel provides the open session's lookup,
 * and message and tool-card thumbnails deep inside the log read it from context.
 */
import { getContext, setContext } from 'svelte';
import type { ChatImage } from '$lib/state/chat';

type ImageSourceLookup = (image: ChatImage) => string | undefined;

const KEY = Symbol('chat-image-source');

export function provideImageSource(lookup: ImageSourceLookup): void {
	setContext(KEY, lookup);
}

/** The URL of a thumbnail, or undefined when the picture is not here (lost, or no panel). */
export function imageSourceOf(image: ChatImage): string | undefined {
	const lookup = getContext<ImageSourceLookup | undefined>(KEY);
	return image.src ?? lookup?.(image);
}
