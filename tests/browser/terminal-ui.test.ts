import { mount, unmount } from 'svelte';
import { afterEach, expect, it } from 'vitest';
import { Terminal } from '../../src/lib/components/terminal';
import type { ShellSession } from '../../src/lib/runtime';

let component: ReturnType<typeof mount> | undefined;
afterEach(() => {
	if (component) unmount(component);
	component = undefined;
	document.body.innerHTML = '';
});

/** A shell that prints nothing and never ends. */
const quietShell: ShellSession = {
	write: () => {},
	resize: () => {},
	onData: () => () => {},
	exit: new Promise<number>(() => {}),
	kill: () => {}
};

/** A pane of the given width, 220 px high, in the page. */
function pane(width: number): HTMLDivElement {
	const box = document.createElement('div');
	box.style.cssText = `width: ${width}px; height: 220px; display: flex;`;
	document.body.append(box);
	return box;
}

it('opens the shell at the size of the pane, not xterm’s default 80 × 24', async () => {
	const box = pane(420);
	const sizes: { cols: number; rows: number }[] = [];
	component = mount(Terminal, {
		target: box,
		props: {
			connect: async (size) => {
				sizes.push(size);
				return quietShell;
			}
		}
	});
	await expect.poll(() => sizes.length, { timeout: 10_000 }).toBe(1);
	// 13 px monospace: ~50 columns and ~12 rows fit in the box.
	expect(sizes[0]!.cols).toBeLessThan(70);
	expect(sizes[0]!.rows).toBeLessThan(20);
});

it('measures characters inside a layout boundary, and still gets their real widths', async () => {
	const box = pane(600);
	const printing: ShellSession = {
		...quietShell,
		onData: (listener) => {
			listener(
				'\x1b[1mBold: WMil.\x1b[0m Offline runtime: a simulated bash (grep, sed, jq).\r\n$ '
			);
			return () => {};
		}
	};
	component = mount(Terminal, { target: box, props: { connect: async () => printing } });
	const rows = () => box.querySelector('.xterm-rows')?.textContent ?? '';
	await expect.poll(rows, { timeout: 10_000 }).toContain('Offline runtime');
	const container = box.querySelector<HTMLElement>('.xterm-width-cache-measure-container')!;
	expect(getComputedStyle(container).contain).toBe('strict');
	// Widths measured as 0 would space every character by a whole cell (~8 px) to fill its cell.
	const rowContainer = box.querySelector<HTMLElement>('.xterm-rows')!;
	expect(Math.abs(parseFloat(rowContainer.style.letterSpacing))).toBeLessThan(1);
	const spacings = [...rowContainer.querySelectorAll<HTMLElement>('span')]
		.map((span) => parseFloat(span.style.letterSpacing || '0'))
		.filter((spacing) => Math.abs(spacing) >= 1);
	expect(spacings).toEqual([]);
});
