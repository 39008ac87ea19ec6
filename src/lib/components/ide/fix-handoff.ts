import { messageOf } from '$lib/errors';
import { ChatInbox, loadFixMessages } from '$lib/state/fix-with-kiln';

type FixTexts = Awaited<ReturnType<typeof loadFixMessages>>;

/**
 * "Fix with Kiln" in the Console and the terminal: writes the error's message (its code loads on
 * the first press) and hands it to the chat through `inbox`. `shown` brings the chat into view
 * (the narrow layout's Chat tab); `failed` says why nothing went when the code could not load.
 */
export class FixHandoff {
	readonly inbox = new ChatInbox();
	readonly #shown: () => void;
	readonly #failed: (message: string) => void;

	constructor(options: { shown: () => void; failed: (message: string) => void }) {
		this.#shown = options.shown;
		this.#failed = options.failed;
	}

	async send(write: (texts: FixTexts) => string): Promise<void> {
		let texts: FixTexts;
		try {
			texts = await loadFixMessages();
		} catch (error) {
			this.#failed(
				`Fix with Kiln could not load (${messageOf(error)}). Check your connection, then press it again.`
			);
			return;
		}
		this.inbox.offer(write(texts));
		this.#shown();
	}
}
