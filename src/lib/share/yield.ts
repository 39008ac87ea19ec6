/** Gives the page a turn to paint and handle input when a long job has run for a while. */
export class Breather {
	#last = performance.now();
	constructor(private readonly budgetMs = 30) {}

	async maybe(signal?: AbortSignal): Promise<void> {
		if (performance.now() - this.#last < this.budgetMs) return;
		await new Promise<void>((resolve) => setTimeout(resolve, 0));
		this.#last = performance.now();
		signal?.throwIfAborted();
	}
}
