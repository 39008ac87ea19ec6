import type { SessionEvent } from './events';
import { bytesToBase64, imageRefOf, type ImageRef, type SessionImage } from './images';

/**
 * Where a session's events go. The loop awaits every append before it goes on, so what a
 * log holds is always what the model has been told: IndexedDB in the app (storage's
 * sessionLog), memory in tests and the CLI.
 */
export interface SessionLog {
	append(event: SessionEvent): Promise<void>;
	/** Every event so far, oldest first (including those of earlier turns, for resuming). */
	readonly events: readonly SessionEvent[];
	/**
	 * Keeps an image with the session, once per distinct image, before an event names it;
	 * resolves to the reference the event carries. Rejects when the image is not readable.
	 */
	putImage(image: SessionImage): Promise<ImageRef>;
	/** The base64 of an image the session holds; undefined when it was lost (storage failed). */
	image(hash: string): string | undefined;
}

/**
 * A log kept in memory. Events are structured-cloned on the way in, as IndexedDB would, so a
 * test catches anything that could not be stored and nobody can change an event afterwards.
 */
export function memorySessionLog(
	initial: readonly SessionEvent[] = [],
	images: ReadonlyMap<string, string> = new Map()
): SessionLog {
	const events: SessionEvent[] = initial.map((event) => structuredClone(event));
	const held = new Map(images);
	return {
		events,
		async append(event) {
			events.push(structuredClone(event));
		},
		async putImage(image) {
			const { ref, bytes } = await imageRefOf(image);
			// Stored as re-encoded from the bytes, so every copy of one image has one spelling.
			if (!held.has(ref.hash)) held.set(ref.hash, bytesToBase64(bytes));
			return ref;
		},
		image: (hash) => held.get(hash)
	};
}
