/**
 * The list picker behind the command palette and quick open, in a real browser: Chromium fires a
 * dialog's `close` event at the next animation frame, not when `close()` is called, so a key that
 * reopens the picker before that frame (a busy page, a quick person) must not see it shut again.
 */
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, expect, it } from 'vitest';
import ReopenablePicker from './fixtures/ReopenablePicker.svelte';

let component: ReturnType<typeof mount> | undefined;
afterEach(() => {
	if (component) unmount(component);
	component = undefined;
	document.body.innerHTML = '';
});

const nextFrame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));

it('stays open when reopened before the frame that reports its last close', async () => {
	const picked: string[] = [];
	const picker = mount(ReopenablePicker, {
		target: document.body,
		props: { onPick: (item: string) => picked.push(item) }
	}) as { reopen: () => void };
	component = picker;
	flushSync();
	const dialog = document.querySelector('dialog')!;
	const field = dialog.querySelector('input')!;
	expect(dialog.open).toBe(true);
	expect(document.activeElement).toBe(field);

	// Enter picks (closing the dialog); the key that reopens it comes in the same frame.
	field.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
	expect(dialog.open).toBe(false);
	picker.reopen();
	flushSync();
	expect(dialog.open).toBe(true);

	await nextFrame();
	await nextFrame();
	expect(picked).toEqual(['one']);
	expect(dialog.open).toBe(true);
	expect(document.activeElement).toBe(field);
});

it('tells its owner when the browser closes it (Escape), so the key opens it again', async () => {
	const picker = mount(ReopenablePicker, {
		target: document.body,
		props: { onPick: () => {} }
	}) as { reopen: () => void };
	component = picker;
	flushSync();
	const dialog = document.querySelector('dialog')!;
	// What Escape does to a modal dialog: the browser closes it and fires `close` a frame later.
	dialog.close();
	await nextFrame();
	await nextFrame();
	picker.reopen();
	flushSync();
	expect(dialog.open).toBe(true);
	expect(document.activeElement).toBe(dialog.querySelector('input'));
});
