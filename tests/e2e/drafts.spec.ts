import type { Page } from '@playwright/test';
import { expect, test } from './model-server';
import { createProject, runInTerminal } from './helpers';
import { storedDraftRecords } from './idb-pages';

/** The texts of the drafts IndexedDB holds now (what a reload or a crash would restore). */
async function storedDrafts(page: Page): Promise<string[]> {
	return (await storedDraftRecords(page)).map((draft) => draft.text);
}

async function openFile(page: Page, name: string) {
	await page.getByRole('tree', { name: 'Files' }).getByRole('treeitem', { name }).click();
	const editor = page.getByRole('region', { name: 'Editor' });
	await expect(editor.getByRole('tab', { name })).toBeVisible();
	return editor;
}

/** Types at the start of the active file. */
async function typeAtStart(page: Page, text: string) {
	const content = page.getByRole('region', { name: 'Editor' }).locator('.cm-content');
	await content.click();
	await page.keyboard.press('ControlOrMeta+Home');
	await page.keyboard.type(text);
}

test.describe('no lost keystrokes', () => {
	test.beforeEach(async ({ page }) => {
		await createProject(page, 'Static site', { query: '?runtime=browser' });
	});

	test('unsaved text survives a reload, marked unsaved, with a notice', async ({ page }) => {
		await openFile(page, 'main.js');
		await typeAtStart(page, '// typed before the reload\n');
		// Written shortly after typing stops, without saving.
		await expect
			.poll(() => storedDrafts(page))
			.toEqual([expect.stringContaining('// typed before the reload')]);

		await page.reload();
		const editor = page.getByRole('region', { name: 'Editor' });
		const tab = editor.getByRole('tab', { name: 'main.js' });
		await expect(tab).toBeVisible();
		await expect(tab).toContainText('●');
		await expect(editor.locator('.cm-content')).toContainText('// typed before the reload');
		await expect(editor.getByText(/Unsaved changes restored from a draft/)).toBeVisible();

		// Saving keeps the text in the file and the draft goes.
		await editor.locator('.cm-content').click();
		await page.keyboard.press('ControlOrMeta+s');
		await expect(tab).not.toContainText('●');
		await expect.poll(() => storedDrafts(page)).toEqual([]);
		await page.reload();
		await expect(page.getByRole('tree', { name: 'Files' })).toBeVisible();
		await expect(page.getByRole('region', { name: 'Editor' }).getByRole('tab')).toHaveCount(0);
		await runInTerminal(page, 'head -n 1 main.js');
		await expect(page.getByRole('region', { name: 'Terminal' })).toContainText(
			'// typed before the reload'
		);
	});

	test('unsaved text survives leaving the project and coming back', async ({ page }) => {
		// Coming back through the project list drops the ?runtime query: compare the path only.
		const projectPath = new RegExp(new URL(page.url()).pathname + '$');
		await openFile(page, 'style.css');
		await typeAtStart(page, '/* typed before leaving */\n');
		await page.getByRole('link', { name: 'All projects' }).click();
		await expect(page).not.toHaveURL(projectPath);
		await page
			.getByRole('link', { name: /Static site test/ })
			.first()
			.click();
		await expect(page).toHaveURL(projectPath);
		const editor = page.getByRole('region', { name: 'Editor' });
		const tab = editor.getByRole('tab', { name: 'style.css' });
		await expect(tab).toContainText('●');
		await expect(editor.locator('.cm-content')).toContainText('/* typed before leaving */');
	});

	test('saving over a file a command changed asks: Compare, Cancel, Overwrite', async ({
		page
	}) => {
		const editor = await openFile(page, 'main.js');
		await typeAtStart(page, '// mine\n');
		await runInTerminal(page, 'echo "// written by a command" > main.js');
		await expect(editor.getByText(/changed on disk/)).toBeVisible();

		await editor.locator('.cm-content').click();
		await page.keyboard.press('ControlOrMeta+s');
		const dialog = page.getByRole('dialog', { name: 'main.js changed on disk' });
		await expect(dialog).toBeVisible();
		await dialog.getByRole('button', { name: 'Compare' }).click();
		const compare = dialog.getByRole('region', { name: /Changes from the version on disk/ });
		await expect(compare).toContainText('-// written by a command');
		await expect(compare).toContainText('+// mine');
		await dialog.getByRole('button', { name: 'Cancel' }).click();
		await expect(dialog).toBeHidden();

		const terminal = page.getByRole('region', { name: 'Terminal' });
		await runInTerminal(page, 'echo "disk: $(head -n 1 main.js)"');
		await expect(terminal).toContainText('disk: // written by a command');
		await expect(editor.getByRole('tab', { name: 'main.js' })).toContainText('●');

		await editor.locator('.cm-content').click();
		await page.keyboard.press('ControlOrMeta+s');
		await dialog.getByRole('button', { name: 'Overwrite' }).click();
		await expect(editor.getByRole('tab', { name: 'main.js' })).not.toContainText('●');
		await runInTerminal(page, 'echo "now: $(head -n 1 main.js)"');
		await expect(terminal).toContainText('now: // mine');
	});

	test('Compare says so when the two versions differ in too many lines to compare', async ({
		page
	}) => {
		await runInTerminal(page, 'seq 1 1200 > numbers.txt');
		const editor = await openFile(page, 'numbers.txt');
		await typeAtStart(page, 'mine\n');
		// Every line different from what the editor holds: far past what is searched for a diff.
		await runInTerminal(page, 'seq 5001 6200 > numbers.txt');
		await expect(editor.getByText(/changed on disk/)).toBeVisible();

		await editor.locator('.cm-content').click();
		await page.keyboard.press('ControlOrMeta+s');
		const dialog = page.getByRole('dialog', { name: 'numbers.txt changed on disk' });
		await dialog.getByRole('button', { name: 'Compare' }).click();
		const compare = dialog.getByRole('region', { name: /Changes from the version on disk/ });
		await expect(compare).toContainText('differ in too many lines to compare here');
		await dialog.getByRole('button', { name: 'Cancel' }).click();
		await expect(editor.getByRole('tab', { name: 'numbers.txt' })).toContainText('●');
	});
});
