/**
 * Runs tasks one after another in the order they were queued. A failed task rejects its own
 * promise only; the next one still runs.
 */
export class SerialQueue {
	#tail: Promise<unknown> = Promise.resolve();

	run<T>(task: () => Promise<T>): Promise<T> {
		const result = this.#tail.then(task);
		this.#tail = result.catch(() => {});
		return result;
	}

	/** Resolves once nothing is queued, including tasks queued while waiting. */
	async idle(): Promise<void> {
		let tail: Promise<unknown>;
		do {
			tail = this.#tail;
			await tail;
		} while (tail !== this.#tail);
	}
}
