import type { Page } from '@playwright/test';
import { expect, test } from './model-server';
import AxeBuilder from '@axe-core/playwright';
import { createProject } from './helpers';

async function openPalette(page: Page) {
	await page.keyboard.press('ControlOrMeta+Shift+P');
	const palette = page.getByRole('dialog', { name: 'Commands' });
	await expect(palette.getByRole('combobox', { name: 'Command' })).toBeFocused();
	return palette;
}

test('Ctrl+Shift+P lists every action with its key; Escape closes and focus goes back', async ({
	page
}) => {
	await createProject(page, 'Static site', { query: '?runtime=browser' });
	const item = page
		.getByRole('tree', { name: 'Files' })
		.getByRole('treeitem', { name: 'index.html' });
	await item.click();
	await expect(item).toBeFocused();

	const palette = await openPalette(page);
	const list = palette.getByRole('listbox', { name: 'Commands' });
	for (const [title, key] of [
		['Search across files', 'Ctrl+Shift+F'],
		['Open file by name', 'Ctrl+P'],
		['Focus the terminal', 'Ctrl+`'],
		['Save the file', 'Ctrl+S'],
		['Show all commands', 'Ctrl+Shift+P']
	]) {
		await expect(list.getByRole('option', { name: `${title} ${key}` })).toBeVisible();
	}
	for (const title of ['Open Settings', 'Export the project', 'Share the project', 'New chat']) {
		await expect(list.getByRole('option', { name: title })).toBeVisible();
	}
	// Nothing to stop: the agent is idle.
	await expect(list.getByRole('option', { name: 'Stop the agent' })).toHaveAttribute(
		'aria-disabled',
		'true'
	);

	await page.keyboard.press('Escape');
	await expect(palette).toBeHidden();
	await expect(item).toBeFocused();
});

test('typing filters the commands, arrows pick one and Enter runs it', async ({ page }) => {
	await createProject(page, 'Static site', { query: '?runtime=browser' });
	let palette = await openPalette(page);
	await page.keyboard.type('srch files');
	const list = palette.getByRole('listbox', { name: 'Commands' });
	await expect(list.getByRole('option').first()).toContainText('Search across files');
	await page.keyboard.press('Enter');
	await expect(palette).toBeHidden();
	await expect(
		page.getByRole('region', { name: 'Search' }).getByRole('searchbox', { name: 'Search text' })
	).toBeFocused();

	palette = await openPalette(page);
	await page.keyboard.type('open');
	const options = palette.getByRole('option');
	await expect(options.nth(1)).toBeVisible();
	await expect(options.first()).toHaveAttribute('aria-selected', 'true');
	await page.keyboard.press('ArrowDown');
	await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true');
	await expect(options.first()).toHaveAttribute('aria-selected', 'false');
	await page.keyboard.press('ArrowUp');
	await expect(options.first()).toHaveAttribute('aria-selected', 'true');
	await palette.getByRole('combobox', { name: 'Command' }).fill('open settings');
	await expect(options.first()).toContainText('Open Settings');
	await page.keyboard.press('Enter');
	await expect(page.getByRole('dialog', { name: 'Settings' })).toBeVisible();
});

test('the command palette passes the accessibility checks', async ({ page }) => {
	await createProject(page, 'Static site', { query: '?runtime=browser' });
	await openPalette(page);
	const scan = await new AxeBuilder({ page }).include('dialog[open]').analyze();
	expect(scan.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
});

test('"New file" from the palette starts naming a file in the tree', async ({ page }) => {
	await createProject(page, 'Static site', { query: '?runtime=browser' });
	await openPalette(page);
	await page.keyboard.type('new file');
	await page.keyboard.press('Enter');
	const tree = page.getByRole('tree', { name: 'Files' });
	const name = page.getByRole('textbox', { name: 'New file name' });
	await expect(name).toBeFocused();
	await page.keyboard.type('from-palette.txt');
	await page.keyboard.press('Enter');
	await expect(tree.getByRole('treeitem', { name: 'from-palette.txt' })).toBeVisible();
});
