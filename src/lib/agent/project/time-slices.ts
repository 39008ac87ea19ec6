/**
 * Long computations (the project map of a 2,000-file project) as generators that yield at each
 * unit of work (a file scanned, a folder weighed, a file outlined), run either at once or in
 * slices of a few milliseconds with the page getting the main thread back in between, so the
 * first send never freezes the IDE. The same generator gives the same result either way. The
 * runners live with the runtime's yielding (the workspace indexes its seed with them too).
 */

/** Waits (or not) between units of work. */
export type Pause = () => Promise<void>;

export { runAtOnce, runInSlices, SLICE_MS, timeSlices, type Steps } from '../../runtime';
