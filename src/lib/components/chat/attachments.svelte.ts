/**
 * The images waiting in the composer: added by paste, drop or "Attach", shown as removable
 * thumbnails, taken by send (and put back if the message could not be sent).
 */
import type { SessionImage } from '$lib/session';
import { messageOf } from '$lib/errors';
import { imageFromFile, ImageFileError } from './image-files';

/** More than this many images in one message is refused (each costs up to ~1,600 tokens). */
export const MAX_ATTACHMENTS = 8;

export interface Attachment {
	readonly id: number;
	readonly image: SessionImage;
	readonly src: string;
}

export class Attachments {
	items = $state.raw<readonly Attachment[]>([]);
	/** Why the last file was refused, for the person; cleared by the next success. */
	problem = $state<string | null>(null);
	/** Files are being read and scaled. */
	busy = $state(false);
	#next = 0;

	/** Adds the image files among `files`; says what was refused and why. */
	async add(files: Iterable<File>): Promise<void> {
		const list = [...files];
		if (list.length === 0) return;
		this.busy = true;
		const problems: string[] = [];
		try {
			for (const file of list) {
				if (this.items.length >= MAX_ATTACHMENTS) {
					problems.push(`At most ${MAX_ATTACHMENTS} images can go with one message.`);
					break;
				}
				try {
					this.#push(await imageFromFile(file));
				} catch (error) {
					problems.push(
						error instanceof ImageFileError ? error.message : `${file.name}: ${messageOf(error)}`
					);
				}
			}
		} finally {
			this.busy = false;
		}
		this.problem = problems.length > 0 ? problems.join(' ') : null;
	}

	/** A paste with image files attaches them (and keeps the text out of the message box). */
	paste(event: ClipboardEvent): void {
		const files = filesOf(event.clipboardData);
		if (files.length === 0) return;
		event.preventDefault();
		void this.add(files);
	}

	drop(event: DragEvent): void {
		const files = filesOf(event.dataTransfer);
		if (files.length === 0) return;
		event.preventDefault();
		void this.add(files);
	}

	remove(id: number): void {
		this.items = this.items.filter((item) => item.id !== id);
	}

	/** The images for a send; the composer is emptied. */
	take(): SessionImage[] {
		const images = this.items.map((item) => item.image);
		this.items = [];
		this.problem = null;
		return images;
	}

	/** Puts back images whose message was not sent. */
	restore(images: readonly SessionImage[]): void {
		for (const image of images) this.#push(image);
	}

	clear(): void {
		this.items = [];
		this.problem = null;
	}

	#push(image: SessionImage): void {
		const src = `data:${image.mediaType};base64,${image.data}`;
		this.items = [...this.items, { id: this.#next++, image, src }];
	}
}

function filesOf(data: DataTransfer | null): File[] {
	if (!data) return [];
	return [...data.files];
}
