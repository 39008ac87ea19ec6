import type { Page } from '@playwright/test';
import { expect, test } from './model-server';
import { createProject, runInTerminal } from './helpers';

const editorOf = (page: Page) => page.getByRole('region', { name: 'Editor' });
const banner = (page: Page) =>
	page.getByRole('status').filter({ hasText: 'This project is open in another tab' });

async function openFile(page: Page, name: string) {
	await page.getByRole('tree', { name: 'Files' }).getByRole('treeitem', { name }).click();
	await expect(editorOf(page).getByRole('tab', { name })).toBeVisible();
}

async function typeAtStart(page: Page, text: string) {
	await editorOf(page).locator('.cm-content').click();
	await page.keyboard.press('ControlOrMeta+Home');
	await page.keyboard.type(text);
}

test('two tabs on one project: one owns it, take over flips both, no save lost', async ({
	page: first
}) => {
	const url = await createProject(first, 'Static site', { query: '?runtime=browser' });
	const second = await first.context().newPage();
	await second.goto(url);

	// The second tab opens read-only, and says why.
	await expect(banner(second)).toBeVisible();
	await expect(second.getByRole('button', { name: 'Take over' })).toBeVisible();
	await expect(banner(first)).toBeHidden();
	await openFile(second, 'main.js');
	await expect(editorOf(second).locator('.cm-content')).toHaveAttribute('contenteditable', 'false');

	// A save in the owning tab shows in the other one.
	await openFile(first, 'main.js');
	await typeAtStart(first, '// saved in the first tab\n');
	await first.keyboard.press('ControlOrMeta+s');
	await expect(editorOf(first).getByRole('tab', { name: 'main.js' })).not.toContainText('●');
	await expect(editorOf(second).locator('.cm-content')).toContainText('// saved in the first tab');

	// Unsaved text in the first tab, then the second takes over.
	await openFile(first, 'style.css');
	await typeAtStart(first, '/* unsaved in the first tab */\n');
	await second.getByRole('button', { name: 'Take over' }).click();
	await expect(banner(second)).toBeHidden();
	await expect(banner(first)).toBeVisible();
	await expect(first.getByRole('button', { name: 'Take over' })).toBeVisible();
	await expect(editorOf(first).locator('.cm-content')).toHaveAttribute('contenteditable', 'false');
	// The first tab's unsaved text is not lost: it stays there, and the new owner has it as a draft.
	await expect(editorOf(first).getByRole('tab', { name: 'style.css' })).toContainText('●');
	const handedOver = editorOf(second).getByRole('tab', { name: 'style.css' });
	await expect(handedOver).toContainText('●');
	await handedOver.click();
	await expect(editorOf(second).locator('.cm-content')).toContainText(
		'/* unsaved in the first tab */'
	);

	// The new owner saves; the old one sees it.
	await editorOf(second).getByRole('tab', { name: 'main.js' }).click();
	await typeAtStart(second, '// saved in the second tab\n');
	await second.keyboard.press('ControlOrMeta+s');
	await expect(editorOf(second).getByRole('tab', { name: 'main.js' })).not.toContainText('●');
	await editorOf(first).getByRole('tab', { name: 'main.js' }).click();
	await expect(editorOf(first).locator('.cm-content')).toContainText('// saved in the second tab');

	// Typing in the read-only tab changes nothing.
	await editorOf(first).locator('.cm-content').click();
	await first.keyboard.type('ignored');
	await expect(editorOf(first).locator('.cm-content')).not.toContainText('ignored');

	// Both saves are in storage: a fresh look at the project (after the owner closes) has them.
	await second.close();
	await expect(banner(first)).toBeHidden();
	await first.reload();
	await runInTerminal(first, 'head -n 2 main.js');
	const terminal = first.getByRole('region', { name: 'Terminal' });
	await expect(terminal).toContainText('// saved in the second tab');
	await expect(terminal).toContainText('// saved in the first tab');
});
