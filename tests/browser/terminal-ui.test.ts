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

it('opens the shell at the size of the pane, not xterm’s default 80 × 24', async () => {
	const box = document.createElement('div');
	box.style.cssText = 'width: 420px; height: 220px; display: flex;';
	document.body.append(box);
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
