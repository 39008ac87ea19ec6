/**
 * Long computations (the project map of a 2,000-file project) as generators that yield at each
 * unit of work (a file scanned, a folder weighed, a file outlined), run either at once or in
 * slices of a few milliseconds with the page getting the main thread back in between, so the
 * first send never freezes the IDE. The same generator gives the same result either way.
 */

/** A unit of work done: the driver may pause here. */
export type Steps<T> = Generator<void, T, void>;

/** Waits (or not) between units of work. */
export type Pause = () => Promise<void>;

/** Runs every step now: for callers that need the answer synchronously. */
export function runAtOnce<T>(steps: Steps<T>): T {
	for (;;) {
		const next = steps.next();
		if (next.done) return next.value;
	}
}

/** Runs the steps, calling `pause` after each. */
export async function runInSlices<T>(steps: Steps<T>, pause: Pause): Promise<T> {
	for (;;) {
		const next = steps.next();
		if (next.done) return next.value;
		await pause();
	}
}

/** Well under the 50 ms a task may take before the page feels stuck (a "long task"). */
export const SLICE_MS = 8;

type Scheduler = { yield?: () => Promise<void> };

/** Gives the event loop a turn: scheduler.yield() where there is one (it keeps the task's priority). */
function yieldToPage(): Promise<void> {
	const scheduler = (globalThis as { scheduler?: Scheduler }).scheduler;
	if (scheduler?.yield) return scheduler.yield();
	return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * A pause that lets the page run once `budgetMs` have passed since the last time it did, and
 * costs nothing otherwise.
 */
export function timeSlices(
	budgetMs = SLICE_MS,
	now: () => number = () => performance.now(),
	yieldNow: () => Promise<void> = yieldToPage
): Pause {
	let sliceStart = now();
	return async () => {
		if (now() - sliceStart < budgetMs) return;
		await yieldNow();
		sliceStart = now();
	};
}
