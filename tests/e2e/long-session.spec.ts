import { seedLongSession } from '../../bench/web/measures/chat-page';
import { FIRST_TURNS } from '../../src/lib/components/chat/turn-window.svelte';
import { configure, createProject, send } from './helpers';
import { expect, test } from './model-server';

/**
 * A long session opens with its newest turns only, and the older ones come in while the page is
 * idle (turn-window.svelte.ts). Seeded the way `npm run bench:web` seeds its 1,000-message
 * session: copies of the turn the app itself stored, written straight into IndexedDB.
 */
test('a 300-turn session opens with its newest turns, then fills in the rest', async ({
	page,
	modelServer
}) => {
	test.setTimeout(90_000);
	modelServer.setScript({ turns: [{ text: 'Seed answer.' }] });
	const url = await createProject(page, 'Blank', { query: '?runtime=browser' });
	await configure(page, 'Anthropic', modelServer.url);
	const chat = page.getByRole('region', { name: 'Chat' });
	await send(page, 'Seed question');
	await expect(chat.getByText('Seed answer.')).toBeVisible();
	await expect(page.locator('[role="log"][aria-busy="false"]')).toBeVisible();
	await seedLongSession(page, 299);

	// Counted in the first frame the newest turn is on screen, before any idle time has passed,
	// by the page itself from its first script: a poll Playwright installs after the navigation
	// came too late on a busy machine (it counted 70, after the first idle fill-in).
	await page.addInitScript(() => {
		const seen = window as unknown as { __firstShown?: number };
		new MutationObserver((_, observer) => {
			if (!document.querySelector('article[aria-label="Turn 300"]')) return;
			observer.disconnect();
			requestAnimationFrame(() => {
				seen.__firstShown = document.querySelectorAll('article[aria-label^="Turn "]').length;
			});
		}).observe(document, { childList: true, subtree: true });
	});
	await page.goto(url);
	await expect
		.poll(() => page.evaluate(() => (window as unknown as { __firstShown?: number }).__firstShown))
		.toBe(FIRST_TURNS);
	await expect(chat.getByRole('article', { name: 'Turn 1', exact: true })).toBeAttached({
		timeout: 30_000
	});
	await expect(chat.locator('article[aria-label^="Turn "]')).toHaveCount(300);
});
