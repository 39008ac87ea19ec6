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
