/**
 * Commits many small updates once per painted frame. A streamed answer arrives as hundreds of
 * deltas a second; committing each one made Svelte update (and the page lay out) per delta.
 * The batcher queues the frequent ones and applies the queue on the next animation frame. Any
 * other item flushes the queue first and is applied at once, so the order never changes and
 * what must show now (a tool card, a stored step) is not delayed.
 */

/** Runs `callback` once, soon; returns a cancel function. */
export type FrameScheduler = (callback: () => void) => () => void;

/**
 * A hidden tab gets no animation frames; its timers still run (throttled), so text keeps
 * arriving and nothing waits for the tab to be shown again.
 */
export const HIDDEN_TAB_FALLBACK_MS = 100;

/** The next animation frame, or the fallback timer when frames do not come (hidden tab, Node). */
export const nextFrame: FrameScheduler = (callback) => {
	let done = false;
	const raf = typeof requestAnimationFrame === 'function';
	const run = () => {
		if (done) return;
		cancel();
		callback();
	};
	const frame = raf ? requestAnimationFrame(run) : 0;
	const timer = setTimeout(run, raf ? HIDDEN_TAB_FALLBACK_MS : 16);
	function cancel() {
		done = true;
		if (raf) cancelAnimationFrame(frame);
		clearTimeout(timer);
	}
	return cancel;
};

export class FrameBatcher<T> {
	readonly #apply: (items: readonly T[]) => void;
	readonly #defer: (item: T) => boolean;
	readonly #schedule: FrameScheduler;
	#queue: T[] = [];
	#cancel: (() => void) | undefined;

	/**
	 * `apply` gets every item in arrival order; `defer` says which items may wait for the next
	 * frame (the others are applied at once, after what waits).
	 */
	constructor(
		apply: (items: readonly T[]) => void,
		defer: (item: T) => boolean,
		schedule: FrameScheduler = nextFrame
	) {
		this.#apply = apply;
		this.#defer = defer;
		this.#schedule = schedule;
	}

	push(item: T): void {
		this.#queue.push(item);
		if (!this.#defer(item)) this.flush();
		else this.#cancel ??= this.#schedule(() => this.flush());
	}

	/** Applies everything queued now (a turn ended, or an item that cannot wait arrived). */
	flush(): void {
		this.#cancel?.();
		this.#cancel = undefined;
		if (this.#queue.length === 0) return;
		const items = this.#queue;
		this.#queue = [];
		this.#apply(items);
	}

	/** Drops what is queued (the chat switched to another session). */
	discard(): void {
		this.#cancel?.();
		this.#cancel = undefined;
		this.#queue = [];
	}
}
