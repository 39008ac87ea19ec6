/**
 * Work nothing waits for (fetching what the next step needs, counting ahead, warming caches) runs
 * when the page is idle. One place for requestIdleCallback and for browsers without it (Safari),
 * which run the work after a timer instead.
 */

export interface IdleOptions {
	/** Run by then even if the page never idles (requestIdleCallback's timeout). */
	readonly timeoutMs: number;
	/**
	 * Without requestIdleCallback, run after this long (default 200 ms, once the page has
	 * settled; 0, the next macrotask, for a loop that pauses between slices of its work).
	 */
	readonly fallbackMs?: number;
}

/** Runs `task` in the page's next idle period. Returns a function that cancels it if not yet run. */
export function whenIdle(
	task: () => void,
	{ timeoutMs, fallbackMs = 200 }: IdleOptions
): () => void {
	if (typeof requestIdleCallback === 'function') {
		const handle = requestIdleCallback(() => task(), { timeout: timeoutMs });
		return () => cancelIdleCallback(handle);
	}
	const timer = setTimeout(task, fallbackMs);
	return () => clearTimeout(timer);
}

/** Resolves in the page's next idle period (as whenIdle runs a task): a loop's pause. */
export function nextIdle(options: IdleOptions): Promise<void> {
	return new Promise((resolve) => void whenIdle(resolve, options));
}
