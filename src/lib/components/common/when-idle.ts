/**
 * Runs `task` when the page is next idle (at the latest after `timeoutMs`), or after a short timer
 * where requestIdleCallback is missing: for fetching, after the shell paints, what a person's
 * next step will need. Returns a function that cancels it if it has not run yet.
 */
export function whenIdle(task: () => void, timeoutMs: number): () => void {
	if (typeof requestIdleCallback === 'function') {
		const handle = requestIdleCallback(task, { timeout: timeoutMs });
		return () => cancelIdleCallback(handle);
	}
	const timer = setTimeout(task, 200);
	return () => clearTimeout(timer);
}
