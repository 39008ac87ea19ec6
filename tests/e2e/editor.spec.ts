import { expect, test } from './model-server';
import { createProject, runInTerminal } from './helpers';

test.describe('the editor', () => {
	test.beforeEach(async ({ page }) => {
		await createProject(page, 'Static site', { query: '?runtime=browser' });
	});

	test('highlights code and keeps one tab per open file', async ({ page }) => {
		const tree = page.getByRole('tree', { name: 'Files' });
		const editor = page.getByRole('region', { name: 'Editor' });
		await tree.getByRole('treeitem', { name: 'main.js' }).click();
		await tree.getByRole('treeitem', { name: 'style.css' }).click();
		await expect(editor.getByRole('tab')).toHaveCount(2);
		await editor.getByRole('tab', { name: 'main.js' }).click();
		// Highlighting wraps tokens in styled spans; plain text would have none.
		await expect(editor.locator('.cm-line span').first()).toBeVisible();
		// The × is the pointer's way to close a tab; the keyboard's is Delete on the tab itself.
		await editor.getByTitle('Close main.js').click();
		await expect(editor.getByRole('tab')).toHaveCount(1);
		const styleTab = editor.getByRole('tab', { name: 'style.css' });
		await expect(styleTab).toHaveAttribute('aria-keyshortcuts', 'Delete');
		await styleTab.focus();
		await page.keyboard.press('Delete');
		await expect(editor.getByRole('tab')).toHaveCount(0);
	});

	test('finds and replaces text', async ({ page }) => {
		await page
			.getByRole('tree', { name: 'Files' })
			.getByRole('treeitem', { name: 'index.html' })
			.click();
		const editor = page.getByRole('region', { name: 'Editor' });
		await editor.locator('.cm-content').click();
		await page.keyboard.press('ControlOrMeta+f');
		const find = editor.getByRole('textbox', { name: 'Find' });
		await expect(find).toBeFocused();
		await find.fill('Hello!');
		await editor.getByRole('textbox', { name: 'Replace' }).fill('Goodbye!');
		await editor.getByRole('button', { name: /replace all/i }).click();
		await expect(editor.locator('.cm-content')).toContainText('Goodbye!');
		await expect(editor.getByRole('tab', { name: /index\.html/ })).toContainText('●');
	});

	test('shows a notice for binary files instead of their bytes', async ({ page }) => {
		await runInTerminal(page, "printf 'GIF89a\\000\\001\\002\\003' > pixel.gif");
		const item = page
			.getByRole('tree', { name: 'Files' })
			.getByRole('treeitem', { name: 'pixel.gif' });
		await item.click();
		const editor = page.getByRole('region', { name: 'Editor' });
		await expect(editor.getByText(/binary file/i)).toBeVisible();
		await expect(editor.locator('.cm-content')).toBeHidden();
	});

	test('opens a file over 5 MB read-only with a warning', async ({ page }) => {
		// Six 1 MB lines: big enough to cross the limit, built without a slow loop.
		await runInTerminal(page, 'printf "%01000000d\\n" 1 2 3 4 5 6 > big.txt && echo written');
		const terminal = page.getByRole('region', { name: 'Terminal' });
		await expect(terminal).toContainText('written');
		await page
			.getByRole('tree', { name: 'Files' })
			.getByRole('treeitem', { name: 'big.txt' })
			.click();
		const editor = page.getByRole('region', { name: 'Editor' });
		await expect(editor.getByText(/read-only/i)).toBeVisible();
		await expect(editor.locator('.cm-content')).toHaveAttribute('contenteditable', 'false');
		// The page still answers.
		await page
			.getByRole('tree', { name: 'Files' })
			.getByRole('treeitem', { name: 'main.js' })
			.click();
		await expect(editor.getByRole('tab', { name: 'main.js' })).toBeVisible();
	});

	test('an open file turns read-only when a command makes it larger than 5 MB', async ({
		page
	}) => {
		await page
			.getByRole('tree', { name: 'Files' })
			.getByRole('treeitem', { name: 'main.js' })
			.click();
		const editor = page.getByRole('region', { name: 'Editor' });
		await expect(editor.locator('.cm-content')).toHaveAttribute('contenteditable', 'true');
		await runInTerminal(page, 'printf "%01000000d\\n" 1 2 3 4 5 6 > main.js && echo written');
		await expect(page.getByRole('region', { name: 'Terminal' })).toContainText('written');
		await expect(editor.getByText(/large file .*read-only/i)).toBeVisible();
		await expect(editor.locator('.cm-content')).toHaveAttribute('contenteditable', 'false');
	});

	test('an open file follows changes made by a command', async ({ page }) => {
		await page
			.getByRole('tree', { name: 'Files' })
			.getByRole('treeitem', { name: 'main.js' })
			.click();
		const editor = page.getByRole('region', { name: 'Editor' });
		await expect(editor.locator('.cm-content')).toContainText('click');
		await runInTerminal(page, 'echo "// rewritten by a command" > main.js');
		await expect(editor.locator('.cm-content')).toContainText('rewritten by a command');
	});

	test('Ctrl+P opens a file by typing part of its name', async ({ page }) => {
		await page
			.getByRole('tree', { name: 'Files' })
			.getByRole('treeitem', { name: 'index.html' })
			.click();
		await page.keyboard.press('ControlOrMeta+p');
		const input = page.getByRole('combobox', { name: 'File name' });
		await expect(input).toBeFocused();
		await input.fill('stycss');
		await expect(page.getByRole('option').first()).toHaveText('style.css');
		await page.keyboard.press('Enter');
		await expect(
			page.getByRole('region', { name: 'Editor' }).getByRole('tab', { name: 'style.css' })
		).toHaveAttribute('aria-selected', 'true');
		await expect(input).toBeHidden();
	});

	test('Tab indents, and Escape then Tab leaves the editor', async ({ page }) => {
		await page
			.getByRole('tree', { name: 'Files' })
			.getByRole('treeitem', { name: 'main.js' })
			.click();
		const editor = page.getByRole('region', { name: 'Editor' });
		const text = editor.getByRole('textbox');
		await expect(text).toHaveAccessibleDescription(/escape, then tab/i);
		await text.click();
		await page.keyboard.press('ControlOrMeta+Home');
		const firstLine = editor.locator('.cm-line').first();
		// textContent, not toHaveText: the latter ignores the leading whitespace this is about.
		const lineText = async () => (await firstLine.textContent()) ?? '';
		const before = await lineText();
		await page.keyboard.press('Tab');
		await expect(text).toBeFocused();
		await expect.poll(lineText).toMatch(/^\s+\S/);
		const indented = await lineText();
		expect(indented.trimStart()).toBe(before.trimStart());
		expect(indented.length).toBeGreaterThan(before.length);
		await expect(editor.getByRole('tab', { name: 'main.js' })).toContainText('●');
		await page.keyboard.press('Escape');
		await page.keyboard.press('Tab');
		await expect(text).not.toBeFocused();
		// Leaving did not indent again.
		expect(await lineText()).toBe(indented);
	});
});
