/**
 * Model faults in the real page (Chromium, the production build): the retry notice with its
 * countdown as the person sees it, and a dropped connection that the browser must not blame on
 * CORS (only a page has an origin, so only here is that advice ever offered).
 */
import type { Locator } from '@playwright/test';
import { recordE2eRow } from '../suite-table/row';
import { configure, createProject, send } from './helpers';
import { expect, test } from './model-server';

const RECOVERED = 'Recovered: the whole answer arrived.';
const NEXT = 'Still here after the fault.';

/** The chat's text as it is at each moment, until `wanted` shows up (retry notices are brief). */
async function textWhen(chat: Locator, wanted: RegExp): Promise<string> {
	let seen = '';
	await expect
		.poll(
			async () => {
				seen = (await chat.textContent()) ?? '';
				return wanted.test(seen);
			},
			{ intervals: [50], timeout: 15_000 }
		)
		.toBe(true);
	return seen;
}

for (const { fault, turns, notice, reason } of [
	{
		fault: '429 with retry-after: 3, in Chromium',
		turns: [{ fault: { type: 'http' as const, status: 429, retryAfter: 3 } }],
		notice: /rate-limited this key\. It asked to wait 3 seconds\./,
		reason: /Anthropic rate-limited this key\.[^→]*?Retrying in \d s…/
	},
	{
		fault: 'connection dropped mid-stream, in Chromium',
		turns: [1, 2].map(() => ({
			text: 'This partial answer never finishes because the connection goes away.',
			chunkSize: 4,
			fault: { type: 'drop' as const, afterChunks: 6 }
		})),
		notice: /dropped while the answer was streaming/,
		reason:
			/The connection to Anthropic dropped while the answer was streaming\.[^→]*?Retrying in \d s…/
	}
]) {
	test(`${fault} @faults`, async ({ page, modelServer }) => {
		modelServer.setScript({ turns: [...turns, { text: RECOVERED }, { text: NEXT }] });
		await createProject(page, 'Blank', { query: '?runtime=browser' });
		await configure(page, 'Anthropic', modelServer.url);
		await send(page, 'Please answer.');
		const chat = page.getByRole('region', { name: 'Chat' });

		const during = await textWhen(chat, /Retrying in \d s…/);
		expect(during).toMatch(notice);
		expect(during).not.toMatch(/CORS|retries automatically/);
		const saw = reason.exec(during)?.[0] ?? during;
		await expect(chat).toContainText(RECOVERED);
		await expect(chat).not.toContainText('Retrying');
		await expect(chat).not.toContainText('This partial answer');

		await page.reload();
		const reloaded = page.getByRole('region', { name: 'Chat' });
		await expect(reloaded).toContainText(RECOVERED);
		await expect(reloaded).not.toContainText('This partial answer');
		await expect(reloaded).not.toContainText('Retrying');

		await send(page, 'Next message');
		await expect(reloaded).toContainText(NEXT);
		recordE2eRow(test.info(), {
			fault,
			'what the person saw': `⟳ ${saw} → answer: “${RECOVERED}”`,
			'transcript consistent': 'after a reload: the answer, no partial text, no retry notice',
			'next message works': `yes: “${NEXT}”`
		});
	});
}
