/**
 * The wide workbench mounts its shell first (chat, files, editor) and the preview and terminal
 * panes in the frame after that paints, so that mounting the IDE is not one long task.
 */
import { createRawSnippet, flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import WideLayout from '../../src/lib/components/ide/WideLayout.svelte';

const mounted: ReturnType<typeof mount>[] = [];
afterEach(() => {
	for (const component of mounted.splice(0)) unmount(component);
	document.body.innerHTML = '';
});

const part = (name: string) =>
	createRawSnippet(() => ({ render: () => `<section aria-label="${name}">${name}</section>` }));
const shown = () =>
	[...document.querySelectorAll('section[aria-label]')].map((s) => s.getAttribute('aria-label'));
const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));

describe('the wide layout', () => {
	it('mounts the shell at once, and the preview and terminal after its first paint', async () => {
		const props = {
			chat: part('Chat'),
			files: part('Files'),
			code: part('Editor'),
			preview: part('Preview'),
			shell: part('Terminal')
		};
		mounted.push(mount(WideLayout, { target: document.body, props }));
		flushSync();
		expect(shown().sort()).toEqual(['Chat', 'Editor', 'Files']);

		await nextFrame(); // the frame that paints the shell
		flushSync();
		expect(shown()).not.toContain('Terminal');
		await expect.poll(shown).toEqual(expect.arrayContaining(['Preview', 'Terminal']));
		expect(shown()).toHaveLength(5);
	});
});
