/** Small helpers shared by the rows: timing, side order, the edited file. */
import type { FixtureData } from '../fixture';

export async function time(task: () => Promise<unknown> | unknown): Promise<number> {
	const started = performance.now();
	await task();
	return performance.now() - started;
}

/**
 * Runs the sides one after the other, rotating the order with the run number: whichever goes
 * second meets a warmer browser (JIT, caches), so no side may always be second.
 */
export async function rotated(run: number, sides: readonly (() => Promise<void>)[]): Promise<void> {
	for (let i = 0; i < sides.length; i++) await sides[(i + run) % sides.length]!();
}

/** The file an "edit" changes: the first text file (by path) of 8–12 KB, a typical source file. */
export function pickEditedFile(files: Readonly<Record<string, FixtureData>>): string {
	const path = Object.keys(files)
		.sort()
		.find((candidate) => {
			const data = files[candidate];
			return typeof data === 'string' && data.length >= 8_192 && data.length <= 12_288;
		});
	if (!path) throw new Error('The fixture has no text file of 8–12 KB to edit.');
	return path;
}

/** The edited file's n-th new content: the same size give or take a line, different bytes. */
export function editedText(original: string, n: number): string {
	return `${original.slice(0, -32)}// edit ${String(n).padStart(4, '0')}\n${original.slice(-32)}`;
}

/**
 * The longest task that held the page's main thread while `task` ran (Chromium reports tasks of
 * 50 ms and more; 0 means none that long): how long the tab would not paint or answer a click.
 */
export async function timeWithLongestTask(
	task: () => Promise<unknown>
): Promise<{ ms: number; longestTaskMs: number }> {
	// Start in a task of its own, so a long task of the untimed set-up is not counted.
	await new Promise((resolve) => setTimeout(resolve, 0));
	let longest = 0;
	const started = performance.now();
	const note = (entries: PerformanceEntryList) => {
		for (const entry of entries) {
			if (entry.startTime + entry.duration > started) longest = Math.max(longest, entry.duration);
		}
	};
	const observer = new PerformanceObserver((list) => note(list.getEntries()));
	observer.observe({ type: 'longtask', buffered: false });
	const ms = await time(task);
	// Chromium reports a long task a little after it ends, not in the next task: wait for it
	// (untimed; the entries carry their own times).
	await new Promise((resolve) => setTimeout(resolve, 100));
	note(observer.takeRecords());
	observer.disconnect();
	return { ms, longestTaskMs: longest };
}
