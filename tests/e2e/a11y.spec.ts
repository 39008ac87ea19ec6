import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { ideWithChat, openInEditor } from './scene';
import { expect, test } from './model-server';

// Axe (WCAG 2.x A and AA, plus its best practices) on every screen a person meets, in both
// themes. Nothing is excluded: a serious or critical finding fails the test, and the counts per
// screen are printed as a table for the notes.

type Scheme = 'light' | 'dark';
const counts: {
	screen: string;
	scheme: Scheme;
	serious: number;
	critical: number;
	other: number;
}[] = [];

async function scan(page: Page, screen: string, scheme: Scheme) {
	const { violations } = await new AxeBuilder({ page }).analyze();
	if (process.env.KILN_AXE_DUMP)
		(await import('node:fs')).appendFileSync(
			process.env.KILN_AXE_DUMP,
			JSON.stringify({
				screen,
				scheme,
				violations: violations.map((v) => ({
					id: v.id,
					impact: v.impact,
					nodes: v.nodes.map((n) => [n.target.join(' '), n.failureSummary])
				}))
			}) + '\n'
		);
	const severe = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
	const nodes = (impact: string) =>
		violations.filter((v) => v.impact === impact).reduce((n, v) => n + v.nodes.length, 0);
	counts.push({
		screen,
		scheme,
		serious: nodes('serious'),
		critical: nodes('critical'),
		other: nodes('moderate') + nodes('minor')
	});
	const report = severe.map((v) => ({
		rule: v.id,
		impact: v.impact,
		nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`)
	}));
	expect.soft(report, `${screen} (${scheme})`).toEqual([]);
}

test.afterAll(() => {
	console.log('Axe violations (nodes) per screen and theme');
	console.table(counts);
});

for (const scheme of ['light', 'dark'] as const) {
	test(`${scheme}: the project list and the IDE have no serious or critical axe violations`, async ({
		page,
		modelServer
	}) => {
		test.setTimeout(120_000);
		await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
		await page.goto('/?runtime=browser');
		await expect(page.locator('html')).toHaveAttribute('data-theme', scheme);
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		await scan(page, 'project list (empty)', scheme);

		await ideWithChat(page, modelServer);
		await openInEditor(page, 'main.js', 'count');
		await scan(page, 'IDE: chat, tool cards, diffs, editor', scheme);

		await page.getByRole('button', { name: 'Changes', exact: true }).click();
		await expect(page.getByRole('region', { name: /Changes/ })).toBeVisible();
		await scan(page, 'IDE: changes review', scheme);
		await page.getByRole('button', { name: 'Changes', exact: true }).click();

		await page.getByRole('status', { name: 'Context' }).getByRole('button').click();
		const inspector = page.getByRole('dialog', { name: 'Context inspector' });
		await expect(inspector).toBeVisible();
		await scan(page, 'IDE: context inspector', scheme);
		await inspector.getByRole('button', { name: 'Close' }).click();
		await expect(inspector).toBeHidden();

		await page.getByRole('button', { name: 'Settings' }).click();
		const settings = page.getByRole('dialog', { name: 'Settings' });
		await expect(settings).toBeVisible();
		await scan(page, 'IDE: settings', scheme);
		await page.keyboard.press('Escape');
		await expect(settings).toBeHidden();

		await page.getByRole('link', { name: /Kiln/ }).click();
		await expect(page.getByRole('link', { name: /Notes app/ })).toBeVisible();
		await scan(page, 'project list (one project)', scheme);
	});
}
