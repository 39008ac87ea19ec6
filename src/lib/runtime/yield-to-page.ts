/**
 * Giving the page the main thread back inside long loops, so no task runs past the 50 ms a
 * person feels as a stuck page (a "long task"). The lowest layer, so every layer can use it.
 */

type Scheduler = { yield?: () => Promise<void> };

/** A macrotask boundary: scheduler.yield() where there is one (it keeps the task's priority). */
export function yieldToPage(): Promise<void> {
	const scheduler = (globalThis as { scheduler?: Scheduler }).scheduler;
	if (scheduler?.yield) return scheduler.yield();
	return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Well under the 50 ms a task may take before the page feels stuck. */
export const SLICE_MS = 8;

/**
 * A pause that lets the page run once `budgetMs` have passed since the last time it did, and
 * costs nothing otherwise: call it after each unit of work.
 */
export function timeSlices(
	budgetMs = SLICE_MS,
	now: () => number = () => performance.now(),
	yieldNow: () => Promise<void> = yieldToPage
): () => Promise<void> {
	let sliceStart = now();
	return async () => {
		if (now() - sliceStart < budgetMs) return;
		await yieldNow();
		sliceStart = now();
	};
}

/**
 * A long computation as a generator that yields at each unit of work (a file scanned, a folder
 * weighed), run either at once or with a pause after each unit. Same result either way.
 */
export type Steps<T> = Generator<void, T, void>;

/** Runs every step now: for callers that need the answer synchronously. */
export function runAtOnce<T>(steps: Steps<T>): T {
	for (;;) {
		const next = steps.next();
		if (next.done) return next.value;
	}
}

/** Runs the steps, awaiting `pause` after each (e.g. a `timeSlices()` pause). */
export async function runInSlices<T>(steps: Steps<T>, pause: () => Promise<void>): Promise<T> {
	for (;;) {
		const next = steps.next();
		if (next.done) return next.value;
		await pause();
	}
}
