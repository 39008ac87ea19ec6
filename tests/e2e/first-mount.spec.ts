/**
 * Opening a project's address: SvelteKit ends its first navigation by focusing <body>, and that
 * focus lays out whatever is on the page, in the same task. The IDE mounts in the task after (see
 * routes/project/[id]/+page.svelte), so that focus finds an empty page and the IDE's mount is a
 * task of its own rather than one with SvelteKit's start and the layout of the whole IDE.
 * Structure only: nothing here is timed.
 */
import { expect, test } from './model-server';
import { createProject } from './helpers';

declare global {
	interface Window {
		/** For each focus() of <body>: whether the IDE's top bar was in the page then. */
		__bodyFocusedWithIde?: boolean[];
	}
}

test('the IDE mounts after the first navigation has reset the focus, and Tab starts at its top', async ({
	page
}) => {
	const projectUrl = await createProject(page, 'Blank', { query: '?runtime=browser' });
	await page.addInitScript(() => {
		const seen: boolean[] = (window.__bodyFocusedWithIde = []);
		const focus = HTMLElement.prototype.focus;
		HTMLElement.prototype.focus = function (this: HTMLElement, options?: FocusOptions) {
			if (this === document.body) seen.push(document.querySelector('header.topbar') !== null);
			return focus.call(this, options);
		};
	});

	// A fresh document, as when the project is opened from a link or a reload.
	await page.goto(projectUrl);
	await expect(page.getByRole('tree', { name: 'Files' })).toBeVisible();
	await expect(page.getByRole('textbox', { name: 'Message' })).toBeVisible();
	expect(await page.evaluate(() => window.__bodyFocusedWithIde)).toEqual([false]);

	// The reset still does its job: the page has no focused control, and Tab starts at the top.
	expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);
	await page.keyboard.press('Tab');
	await expect(page.getByRole('link', { name: /^Kiln/ })).toBeFocused();
});
