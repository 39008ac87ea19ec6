/**
 * The preview's address bar: while a dev server is shown it starts with where the server listens,
 * its real URL on hover and in "Open in new tab"; static previews show only the path.
 */
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { Preview } from '../../src/lib/components/preview';

const mounted: ReturnType<typeof mount>[] = [];
afterEach(() => {
	for (const component of mounted.splice(0)) unmount(component);
	document.body.innerHTML = '';
});

// A closed port: the frame fails at once, and nothing here needs its page.
const SERVER_URL = 'http://127.0.0.1:9/';

function show(props: Record<string, unknown>) {
	mounted.push(mount(Preview, { target: document.body, props: { url: SERVER_URL, ...props } }));
	flushSync();
	return page.getByRole('region', { name: 'Preview' });
}

describe('the preview address bar', () => {
	it('starts with the dev server it shows, with its URL on hover', async () => {
		const preview = show({ server: { label: 'localhost:5173', url: SERVER_URL } });
		const origin = preview.getByText('localhost:5173');
		await expect.element(origin).toBeVisible();
		await expect.element(origin).toHaveAttribute('title', SERVER_URL);
		const address = preview.getByRole('textbox', { name: 'Preview address' });
		await expect.element(address).toHaveValue('/');
		await expect.element(address).toHaveAccessibleDescription('localhost:5173');
		await expect
			.element(preview.getByRole('link', { name: 'Open in new tab' }))
			.toHaveAttribute('href', SERVER_URL);
	});

	it('shows only the path for a static preview', async () => {
		const preview = show({ server: null });
		await expect
			.element(preview.getByRole('textbox', { name: 'Preview address' }))
			.toHaveValue('/');
		expect(preview.element().querySelector('.origin')).toBeNull();
		await expect
			.element(preview.getByRole('textbox', { name: 'Preview address' }))
			.not.toHaveAttribute('aria-describedby');
	});
});
