import { mount, tick, unmount } from 'svelte';
import { afterEach, expect, it } from 'vitest';
import { loadMarkdown } from '../../src/lib/components/chat/markdown-loader';
import LinkedReply from './fixtures/LinkedReply.svelte';

let component: ReturnType<typeof mount> | undefined;
afterEach(() => {
	if (component) unmount(component);
	component = undefined;
	document.body.innerHTML = '';
});

const REPLY = [
	'The constant is at `src/app.ts:12`; plain src/app.ts#L3 works too.',
	'',
	'```sh',
	'npm run build',
	'```'
].join('\n');

/** Waits until `check` holds, a frame at a time (the reply renders in effects and frames). */
async function until(check: () => boolean): Promise<void> {
	for (let frame = 0; frame < 120 && !check(); frame++) {
		await new Promise((resolve) => requestAnimationFrame(resolve));
	}
	expect(check()).toBe(true);
}

const labels = () =>
	[...document.querySelectorAll('.file-link')].map((link) => link.getAttribute('aria-label'));

it('links the files of a block that changed in the same render as a block was added', async () => {
	await loadMarkdown();
	const reply = mount(LinkedReply, { target: document.body, props: { files: ['src/app.ts'] } });
	component = reply;
	const setText = (reply as unknown as { setText(text: string): void }).setText;
	setText('The constant is ');
	await until(() => document.querySelector('.markdown p:not(.plain)') !== null);

	// The first block grows and a code block follows it, in one render (a slow page's frame).
	setText(REPLY);
	await tick();
	await until(() => document.querySelector('.copy-code') !== null);

	await until(() => labels().length === 2);
	expect(labels()).toEqual(['Open src/app.ts at line 12', 'Open src/app.ts at line 3']);
});
