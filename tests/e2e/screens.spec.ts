import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { runtimeStatus } from './helpers';
import { ideWithChat } from './scene';
import { expect, test } from './model-server';

// The IDE and the project list at four widths: nothing may overflow sideways, and each screen is
// compared with its committed baseline (tests/e2e/screens.spec.ts-snapshots/). After a deliberate
// change of the UI, regenerate them with
//   KILN_SKIP_BUILD=1 npx playwright test tests/e2e/screens.spec.ts --update-snapshots
// The scene is scripted and the theme fixed (dark, the app's default); what still varies from run
// to run (durations, dates, storage use, the terminal's cursor) is masked.

const widths = [1440, 1024, 800, 390] as const;
/** Where copies of the IDE's screenshots go for the notes, when asked (KILN_SCREENS_DIR). */
const copies = process.env.KILN_SCREENS_DIR;

async function expectNoHorizontalOverflow(page: Page, width: number) {
	await expect
		.poll(() => page.evaluate(() => document.scrollingElement?.scrollWidth ?? Infinity))
		.toBeLessThanOrEqual(width);
}

/** The parts of the page that differ between runs of the same scene. */
function volatile(page: Page): Locator[] {
	return [
		page.locator('.time'),
		page.getByRole('region', { name: 'Storage' }),
		page.getByRole('region', { name: 'Terminal' }).locator('.xterm-screen'),
		page.locator('.details'),
		// How often the preview reloaded while the agent wrote files depends on timing.
		page.getByRole('region', { name: 'Console' })
	];
}

/** The chat's transcript scrolled to its end, whatever the resize before did to it. */
async function settleChat(page: Page) {
	const log = page.getByRole('region', { name: 'Chat' }).getByRole('log');
	await log.evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
	await expect
		.poll(() => log.evaluate((e) => Math.abs(e.scrollHeight - e.clientHeight - e.scrollTop) <= 1))
		.toBe(true);
}

test.use({ colorScheme: 'dark', reducedMotion: 'reduce' });

for (const width of widths) {
	test(`${width} px wide: nothing overflows, and the IDE and project list look as they should`, async ({
		page,
		modelServer
	}) => {
		test.setTimeout(90_000);
		// The project list's details end in the date opened, masked but not its length: at 390 px
		// "10:35 PM" wraps where "9:35 PM" does not. The page's clock reads one morning instead
		// (timers run as usual).
		await page.clock.setFixedTime(new Date(2026, 11, 4, 9, 5));
		// Set up wide (the helpers use the wide top bar's Settings), then look at the width.
		const chat = await ideWithChat(page, modelServer);
		await page.setViewportSize({ width, height: 800 });
		await expect(runtimeStatus(page)).toHaveAttribute('data-phase', 'settled');
		await expect(page.getByRole('status', { name: 'Context' })).not.toContainText(
			'No requests yet'
		);
		await expect(chat.getByRole('textbox', { name: 'Message' })).toBeVisible();
		if (width <= 900) {
			// Narrow: the chat is the first tab and shows.
			const tabs = page.getByRole('tablist', { name: 'Panels' });
			await expect(tabs.getByRole('tab').first()).toHaveText('Chat');
		} else {
			await expect(
				page.frameLocator('iframe[title="Preview"]').getByRole('heading', { level: 1 })
			).toHaveText('Notes');
		}
		// Up to 1100px the top bar's actions are in its menu, and its statuses wrap.
		const folded = width <= 1100;
		await expect(page.getByRole('button', { name: 'Menu' })).toBeVisible({ visible: folded });
		await expect(page.getByRole('button', { name: 'Settings' })).toBeVisible({ visible: !folded });
		// The project's name and the runtime's status are shown whole, not cut (with the actions
		// beside it, the runtime's reason may end in an ellipsis, the whole text in its title).
		const name = page.getByRole('heading', { level: 1, name: 'Notes app' });
		await expect(name).toBeVisible();
		const whole = (e: Element) => [e.scrollWidth, e.clientWidth];
		const [nameNeeds, nameHas] = await name.evaluate(whole);
		expect(nameNeeds).toBeLessThanOrEqual(nameHas!);
		const runtime = runtimeStatus(page);
		const [runtimeNeeds, runtimeHas] = await (
			width <= 900 ? runtime : runtime.locator('.label')
		).evaluate(whole);
		expect(runtimeNeeds).toBeLessThanOrEqual(runtimeHas!);
		await expectNoHorizontalOverflow(page, width);
		await settleChat(page);
		await expect(page).toHaveScreenshot(`ide-${width}.png`, { mask: volatile(page) });
		if (copies) {
			mkdirSync(copies, { recursive: true });
			await page.screenshot({
				path: join(copies, `ide-${width}.png`),
				mask: volatile(page),
				animations: 'disabled',
				caret: 'hide'
			});
		}

		await page.getByRole('link', { name: /^Kiln/ }).click();
		await expect(page.getByRole('link', { name: 'Notes app' })).toBeVisible();
		await expectNoHorizontalOverflow(page, width);
		await expect(page).toHaveScreenshot(`projects-${width}.png`, { mask: volatile(page) });
	});
}
