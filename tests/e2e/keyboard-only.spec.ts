import type { Locator, Page } from '@playwright/test';
import { expect, test } from './model-server';

/**
 * Issue 12's keyboard-only walk: create a project → edit → save → chat → stop → search across
 * files → move a file, with no mouse at all. Every control is reached with Tab (tabTo fails the
 * test if it cannot be), text is typed with the keyboard, and the editor is left the way its
 * help says (Escape, then Tab).
 */

/** Whether `target` holds the focus (itself or something inside it). */
function hasFocus(target: Locator): Promise<boolean> {
	return target.evaluate(
		(element) => element === document.activeElement || element.contains(document.activeElement)
	);
}

/** Presses Tab until `target` has the focus; fails when it is not reachable. */
async function tabTo(page: Page, target: Locator, limit = 150): Promise<void> {
	await expect(target).toBeVisible();
	for (let presses = 0; presses < limit; presses++) {
		if (await hasFocus(target)) return;
		// Tab indents in the editor and completes in the terminal: the documented way out of
		// both is Escape, then Tab.
		const holdsTab = await page.evaluate(() => {
			const classes = document.activeElement?.classList;
			return (
				!!classes && (classes.contains('cm-content') || classes.contains('xterm-helper-textarea'))
			);
		});
		if (holdsTab) await page.keyboard.press('Escape');
		await page.keyboard.press('Tab');
	}
	throw new Error(`${target} was not reached with ${limit} presses of Tab`);
}

/** Replaces the text of the focused field, as a person selecting all and typing would. */
async function retype(page: Page, text: string): Promise<void> {
	await page.keyboard.press('ControlOrMeta+A');
	await page.keyboard.type(text);
}

test('create a project, edit, save, chat, stop, search across files and move a file, by keyboard alone', async ({
	page,
	modelServer
}) => {
	test.setTimeout(120_000);
	modelServer.setScript({
		turns: [
			{
				text: 'Thinking out loud for a long time. '.repeat(40),
				fault: { type: 'stall', afterChunks: 6 }
			}
		]
	});

	// Create a project.
	await page.goto('/?runtime=browser');
	await tabTo(page, page.getByRole('textbox', { name: 'Project name' }));
	await page.keyboard.type('Keyboard walk');
	const staticSite = page.getByRole('radio', { name: 'Static site' });
	await tabTo(page, page.getByRole('radiogroup').or(page.getByRole('radio').first()).first());
	for (let i = 0; i < 6 && !(await staticSite.isChecked()); i++) {
		await page.keyboard.press('ArrowDown');
	}
	await expect(staticSite).toBeChecked();
	await tabTo(page, page.getByRole('button', { name: 'Create project' }));
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(/\/project\/[\w-]+/);
	const tree = page.getByRole('tree', { name: 'Files' });
	await expect(tree.getByRole('treeitem', { name: 'style.css' })).toBeVisible();

	// Connect the scripted model through the command palette and Settings.
	await page.keyboard.press('ControlOrMeta+Shift+P');
	const command = page.getByRole('dialog', { name: 'Commands' }).getByRole('combobox');
	await expect(command).toBeFocused();
	await page.keyboard.type('Settings');
	await page.keyboard.press('Enter');
	const settings = page.getByRole('dialog', { name: 'Settings' });
	await expect(settings).toBeVisible();
	const provider = settings.getByRole('combobox', { name: 'Provider' });
	await tabTo(page, provider);
	await page.keyboard.type('Anthropic');
	await expect(settings.getByRole('textbox', { name: 'API key' })).toBeVisible();
	await tabTo(page, settings.getByRole('textbox', { name: 'API key' }));
	await retype(page, 'sk-test-key-123456');
	await tabTo(page, settings.getByRole('textbox', { name: 'Base URL' }));
	await retype(page, modelServer.url);
	await tabTo(page, settings.getByRole('combobox', { name: 'Model' }));
	await retype(page, 'mock-model');
	await tabTo(page, settings.getByRole('button', { name: 'Save' }));
	await page.keyboard.press('Enter');
	await expect(settings).toBeHidden();

	// Open a file by name, edit it and save.
	await page.keyboard.press('ControlOrMeta+P');
	// Typed only once the field has the focus, and Enter only once the file is offered: on a busy
	// machine the keys would otherwise go to whatever had the focus before.
	await expect(page.getByRole('combobox', { name: 'File name' })).toBeFocused();
	await page.keyboard.type('style.css');
	await expect(page.getByRole('option').first()).toHaveText('style.css');
	await page.keyboard.press('Enter');
	const text = page.getByRole('textbox', { name: 'style.css' });
	await expect(text).toBeVisible();
	await tabTo(page, text);
	await page.keyboard.press('ControlOrMeta+End');
	await page.keyboard.type('\n/* walked-by-keyboard */');
	const tab = page.getByRole('tab', { name: 'style.css' });
	await expect(tab).toHaveAccessibleDescription(/unsaved/i);
	await page.keyboard.press('ControlOrMeta+S');
	await expect(tab).not.toHaveAccessibleDescription(/unsaved/i);

	// Chat, and stop the answer with Escape.
	const chat = page.getByRole('region', { name: 'Chat' });
	await tabTo(page, chat.getByRole('textbox', { name: 'Message' }));
	await page.keyboard.type('Tell me a long story');
	await page.keyboard.press('Enter');
	await expect(chat).toContainText('Thinking out loud');
	await page.keyboard.press('Escape');
	await expect(chat).toContainText(/stopped/i);
	await expect(chat.getByRole('button', { name: 'Send' })).toBeVisible();

	// Search across files: the saved text is found in style.css.
	await page.keyboard.press('ControlOrMeta+Shift+F');
	const search = page.getByRole('region', { name: 'Search' });
	await expect(search.getByRole('searchbox', { name: 'Search text' })).toBeFocused();
	await page.keyboard.type('walked-by-keyboard');
	const result = search.getByRole('button', { name: 'style.css, 1 match' });
	await expect(result).toBeVisible();

	// Back to the files, and move style.css into a new folder by renaming it with a path.
	await page.keyboard.press('ControlOrMeta+Shift+P');
	await expect(command).toBeFocused();
	await page.keyboard.type('file tree');
	await page.keyboard.press('Enter');
	const row = tree.getByRole('treeitem', { name: 'style.css' });
	await tabTo(page, tree);
	for (let i = 0; i < 10 && !(await hasFocus(row)); i++) await page.keyboard.press('ArrowDown');
	await expect(row).toBeFocused();
	await page.keyboard.press('F2');
	await expect(page.getByRole('textbox', { name: 'Rename style.css' })).toBeFocused();
	await retype(page, 'css/style.css');
	await page.keyboard.press('Enter');
	await expect(tree.locator('[data-path="css/style.css"]')).toBeAttached();
	await expect(tree.locator('[data-path="style.css"]')).toHaveCount(0);
	// The open tab followed the file.
	await expect(page.getByRole('textbox', { name: 'css/style.css' })).toBeAttached();
});
