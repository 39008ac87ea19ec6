import { expect, test } from './model-server';
import { createProject, runInTerminal, runtimeStatus } from './helpers';

test('the page is cross-origin isolated', async ({ page }) => {
	await page.goto('/');
	expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
});

test('offline, the Runtime status names the offline runtime and says why', async ({ page }) => {
	await createProject(page, 'Blank');
	const status = runtimeStatus(page);
	await expect(status).toContainText('Offline runtime');
	// No network here: WebContainer cannot load, and the status must say so (not just "starting").
	await expect(status).toHaveAttribute('data-phase', 'settled', { timeout: 40_000 });
	await expect(status).toContainText(/network|did not start/i);
});

test('?runtime=browser forces the offline runtime and says it was chosen', async ({ page }) => {
	await createProject(page, 'Blank', { query: '?runtime=browser' });
	const status = runtimeStatus(page);
	await expect(status).toContainText('Offline runtime');
	await expect(status).toContainText(/chosen|URL/i);
});

test('a file written in the terminal is edited, saved, and survives a reload', async ({ page }) => {
	await createProject(page, 'Blank', { query: '?runtime=browser' });
	await runInTerminal(page, 'echo hi > a.txt');

	const tree = page.getByRole('tree', { name: 'Files' });
	const item = tree.getByRole('treeitem', { name: 'a.txt' });
	await expect(item).toBeVisible();
	await item.click();

	const editor = page.getByRole('region', { name: 'Editor' });
	await expect(editor.getByRole('tab', { name: /a\.txt/ })).toBeVisible();
	const content = editor.locator('.cm-content');
	await expect(content).toContainText('hi');

	await content.click();
	await page.keyboard.press('ControlOrMeta+a');
	await page.keyboard.type('saved from the editor');
	await expect(editor.getByRole('tab', { name: /a\.txt/ })).toContainText('●');
	await page.keyboard.press('ControlOrMeta+s');
	await expect(editor.getByRole('tab', { name: /a\.txt/ })).not.toContainText('●');

	await page.reload();
	await expect(
		page.getByRole('tree', { name: 'Files' }).getByRole('treeitem', { name: 'a.txt' })
	).toBeVisible();
	await runInTerminal(page, 'cat a.txt');
	await expect(page.getByRole('region', { name: 'Terminal' })).toContainText(
		'saved from the editor'
	);
});
