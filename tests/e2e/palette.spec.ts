import type { Page } from '@playwright/test';
import { expect, test } from './model-server';
import AxeBuilder from '@axe-core/playwright';
import { configure, createProject, send } from './helpers';

async function openPalette(page: Page) {
	await page.keyboard.press('ControlOrMeta+Shift+P');
	const palette = page.getByRole('dialog', { name: 'Commands' });
	await expect(palette.getByRole('combobox', { name: 'Command' })).toBeFocused();
	return palette;
}

/** Runs a command from the palette by typing its title, once the palette offers it first. */
async function runCommand(page: Page, title: string) {
	const palette = await openPalette(page);
	await page.keyboard.type(title);
	await expect(palette.getByRole('option').first()).toContainText(title);
	await page.keyboard.press('Enter');
	await expect(palette).toBeHidden();
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
	// Keys a focused part handles (the tree's F2, the chat's Escape) are listed with where they work.
	for (const [title, key] of [
		['Search across files', 'Ctrl+Shift+F'],
		['Open file by name', 'Ctrl+P'],
		['Focus the terminal', 'Ctrl+`'],
		['Show all commands', 'Ctrl+Shift+P'],
		['Save the file', 'Ctrl+S in the editor'],
		['Find in the file', 'Ctrl+F in the editor'],
		['Replace in the file', 'Ctrl+H in the editor'],
		['Close the file', 'Delete on an editor tab'],
		['Rename the selected file or folder', 'F2 in the file tree'],
		['Delete the selected file or folder', 'Delete in the file tree'],
		['Stop the agent', 'Escape in the chat']
	] as const) {
		const option = list.getByRole('option', { name: title });
		await expect(option).toBeVisible();
		await expect(option).toContainText(key);
	}
	for (const title of [
		'Open Settings',
		'Export the project',
		'Share the project',
		'New chat',
		'Show the processes'
	]) {
		await expect(list.getByRole('option', { name: title })).toBeVisible();
	}
	// Nothing to stop: the agent is idle, and the palette says so.
	const stop = list.getByRole('option', { name: 'Stop the agent' });
	await expect(stop).toHaveAttribute('aria-disabled', 'true');
	await expect(stop).toContainText('The agent is not running.');

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

test('the tree’s F2 and Delete run from the palette on the selected file', async ({ page }) => {
	await createProject(page, 'Static site', { query: '?runtime=browser' });
	const tree = page.getByRole('tree', { name: 'Files' });
	await tree.getByRole('treeitem', { name: 'style.css' }).click();
	// Focus leaves the tree: the palette still knows which file is selected there.
	await page
		.getByRole('region', { name: 'Chat' })
		.getByRole('textbox', { name: 'Message' })
		.focus();

	await runCommand(page, 'Rename the selected file or folder');
	const name = page.getByRole('textbox', { name: 'Rename style.css' });
	await expect(name).toBeFocused();
	await page.keyboard.type('main');
	await page.keyboard.press('Enter');
	await expect(tree.getByRole('treeitem', { name: 'main.css' })).toBeVisible();
	await expect(tree.getByRole('treeitem', { name: 'style.css' })).toHaveCount(0);

	await runCommand(page, 'Delete the selected file or folder');
	const confirm = page.getByRole('dialog', { name: 'Delete main.css?' });
	await expect(confirm).toBeVisible();
	await confirm.getByRole('button', { name: 'Delete' }).click();
	await expect(tree.getByRole('treeitem', { name: 'main.css' })).toHaveCount(0);
});

test('the editor’s find, replace and close run from the palette on the open file', async ({
	page
}) => {
	await createProject(page, 'Static site', { query: '?runtime=browser' });
	await page
		.getByRole('tree', { name: 'Files' })
		.getByRole('treeitem', { name: 'index.html' })
		.click();
	const editor = page.getByRole('region', { name: 'Editor' });
	await expect(editor.getByRole('textbox', { name: 'index.html' })).toBeVisible();

	await runCommand(page, 'Find in the file');
	await expect(editor.getByRole('textbox', { name: 'Find' })).toBeFocused();
	await runCommand(page, 'Replace in the file');
	await expect(editor.getByRole('textbox', { name: 'Replace' })).toBeFocused();
	await runCommand(page, 'Close the file');
	await expect(editor.getByRole('tab')).toHaveCount(0);

	// With no file open they cannot run, and the palette says why.
	const palette = await openPalette(page);
	const find = palette.getByRole('option', { name: 'Find in the file' });
	await expect(find).toHaveAttribute('aria-disabled', 'true');
	await expect(find).toContainText('Open a text file first.');
});

test('"Show the processes" puts the caret in the Processes panel’s command field', async ({
	page
}) => {
	await createProject(page, 'Static site', { query: '?runtime=browser' });
	await runCommand(page, 'Show the processes');
	await expect(
		page
			.getByRole('region', { name: 'Processes' })
			.getByRole('textbox', { name: 'Command to run in the background' })
	).toBeFocused();
});

test('"Stop the agent" from the palette stops a running turn, as Escape in the chat does', async ({
	page,
	modelServer
}) => {
	modelServer.setScript({
		turns: [
			{
				text: 'Thinking out loud for a long time. '.repeat(40),
				fault: { type: 'stall', afterChunks: 6 }
			}
		]
	});
	await createProject(page, 'Blank', { query: '?runtime=browser' });
	await configure(page, 'Anthropic', modelServer.url);
	await send(page, 'Tell me a long story');
	const chat = page.getByRole('region', { name: 'Chat' });
	await expect(chat).toContainText('Thinking out loud');
	await runCommand(page, 'Stop the agent');
	await expect(chat).toContainText(/stopped/i);
	await expect(chat.getByRole('button', { name: 'Send' })).toBeVisible();
});
