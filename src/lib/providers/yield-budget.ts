/**
 * Lets a loop that drains buffered stream events give the page back now and then. When a
 * response arrives in one burst, the SDK hands over every buffered chunk as microtasks: without
 * a pause the whole burst runs as one task and the page cannot paint or take input for seconds.
 * Yielding between chunks (never inside one) keeps the events in order.
 */

/** Longest stretch of stream work before the page gets a turn. */
export const DEFAULT_YIELD_AFTER_MS = 8;

export type Pause = () => Promise<void>;

interface Scheduler {
	yield?: () => Promise<void>;
}

/** A macrotask boundary: `scheduler.yield()` where the browser has it, else a zero timeout. */
export const yieldToEventLoop: Pause = () => {
	const scheduler = (globalThis as { scheduler?: Scheduler }).scheduler;
	if (typeof scheduler?.yield === 'function') return scheduler.yield();
	return new Promise((resolve) => setTimeout(resolve, 0));
};

export class YieldBudget {
	readonly #afterMs: number;
	readonly #now: () => number;
	readonly #pause: Pause;
	#since: number;

	constructor(
		afterMs = DEFAULT_YIELD_AFTER_MS,
		now = () => performance.now(),
		pause = yieldToEventLoop
	) {
		this.#afterMs = afterMs;
		this.#now = now;
		this.#pause = pause;
		this.#since = now();
	}

	/** Pauses once the work since the last pause has run for `afterMs`; otherwise returns at once. */
	async spend(): Promise<void> {
		if (this.#now() - this.#since < this.#afterMs) return;
		await this.#pause();
		this.#since = this.#now();
	}
}
