import { expect, test } from '@playwright/test';
import { createProject } from './helpers';

test('pane sizes can be changed by keyboard and are remembered after a reload', async ({
	page
}) => {
	await createProject(page, 'Blank', { query: '?runtime=browser' });
	const gutter = page.getByRole('separator', { name: 'Resize chat' });
	const before = Number(await gutter.getAttribute('aria-valuenow'));
	await gutter.focus();
	await page.keyboard.press('Shift+ArrowRight');
	await expect(gutter).toHaveAttribute('aria-valuenow', String(before + 10));
	await page.reload();
	await expect(page.getByRole('separator', { name: 'Resize chat' })).toHaveAttribute(
		'aria-valuenow',
		String(before + 10)
	);
});

test('on a narrow window the panes become tabs', async ({ page }) => {
	await page.setViewportSize({ width: 700, height: 900 });
	await page.goto('/?runtime=browser');
	await page.getByRole('textbox', { name: 'Project name' }).fill('Narrow');
	await page.getByRole('radio', { name: 'Static site' }).check();
	await page.getByRole('button', { name: 'Create project' }).click();
	const tabs = page.getByRole('tablist', { name: 'Panels' });
	await expect(tabs).toBeVisible();
	await tabs.getByRole('tab', { name: 'Files' }).click();
	await page
		.getByRole('tree', { name: 'Files' })
		.getByRole('treeitem', { name: 'main.js' })
		.click();
	// Opening a file shows the editor tab with it.
	await expect(tabs.getByRole('tab', { name: 'Editor' })).toHaveAttribute('aria-selected', 'true');
	await expect(
		page.getByRole('region', { name: 'Editor' }).getByRole('tab', { name: 'main.js' })
	).toBeVisible();
	await tabs.getByRole('tab', { name: 'Preview' }).click();
	await expect(
		page.frameLocator('iframe[title="Preview"]').getByRole('heading', { level: 1 })
	).toHaveText('Hello!');
	await tabs.getByRole('tab', { name: 'Terminal' }).click();
	await expect(page.getByRole('region', { name: 'Terminal' })).toBeVisible();
});
