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

export { SLICE_MS, timeSlices } from '../../runtime';
