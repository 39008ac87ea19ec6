import { expect, test } from '@playwright/test';
import { createProject, runInTerminal } from './helpers';

test.describe('the file tree', () => {
	test.beforeEach(async ({ page }) => {
		await createProject(page, 'Blank', { query: '?runtime=browser' });
	});

	test('creates, renames and deletes a file with the mouse', async ({ page }) => {
		const tree = page.getByRole('tree', { name: 'Files' });
		await page.getByRole('button', { name: 'New file' }).click();
		await page.getByRole('textbox', { name: 'New file name' }).fill('notes.md');
		await page.keyboard.press('Enter');
		await expect(tree.getByRole('treeitem', { name: 'notes.md' })).toBeVisible();
		// A new file opens in the editor.
		await expect(
			page.getByRole('region', { name: 'Editor' }).getByRole('tab', { name: /notes\.md/ })
		).toBeVisible();

		await tree.getByRole('treeitem', { name: 'notes.md' }).click({ button: 'right' });
		await page.getByRole('menuitem', { name: 'Rename' }).click();
		const rename = page.getByRole('textbox', { name: 'Rename notes.md' });
		await rename.fill('ideas.md');
		await page.keyboard.press('Enter');
		await expect(tree.getByRole('treeitem', { name: 'ideas.md' })).toBeVisible();
		await expect(tree.getByRole('treeitem', { name: 'notes.md' })).toHaveCount(0);

		await tree.getByRole('treeitem', { name: 'ideas.md' }).click({ button: 'right' });
		await page.getByRole('menuitem', { name: 'Delete' }).click();
		const dialog = page.getByRole('dialog');
		await expect(dialog).toBeVisible();
		await dialog.getByRole('button', { name: 'Delete' }).click();
		await expect(tree.getByRole('treeitem', { name: 'ideas.md' })).toHaveCount(0);

		// The terminal sees what the tree did.
		await runInTerminal(page, 'ls');
		await expect(page.getByRole('region', { name: 'Terminal' })).not.toContainText('ideas.md');
	});

	test('creates a folder, renames with F2 and deletes with the Delete key', async ({ page }) => {
		const tree = page.getByRole('tree', { name: 'Files' });
		await page.getByRole('button', { name: 'New folder' }).click();
		await page.getByRole('textbox', { name: 'New folder name' }).fill('docs');
		await page.keyboard.press('Enter');
		const folder = tree.getByRole('treeitem', { name: 'docs' });
		await expect(folder).toBeVisible();

		await folder.click();
		await page.keyboard.press('F2');
		await page.getByRole('textbox', { name: 'Rename docs' }).fill('guides');
		await page.keyboard.press('Enter');
		const renamed = tree.getByRole('treeitem', { name: 'guides' });
		await expect(renamed).toBeVisible();

		await renamed.focus();
		await page.keyboard.press('Delete');
		const dialog = page.getByRole('dialog');
		await dialog.getByRole('button', { name: 'Cancel' }).click();
		await expect(renamed).toBeVisible();
		await renamed.focus();
		await page.keyboard.press('Delete');
		await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
		await expect(tree.getByRole('treeitem', { name: 'guides' })).toHaveCount(0);
	});

	test('refuses a name that already exists and says so', async ({ page }) => {
		await page.getByRole('button', { name: 'New file' }).click();
		await page.getByRole('textbox', { name: 'New file name' }).fill('README.md');
		await page.keyboard.press('Enter');
		await expect(page.getByText(/already exists/i)).toBeVisible();
	});

	test('moves with the arrow keys and opens with Enter', async ({ page }) => {
		await runInTerminal(page, 'mkdir -p app && echo "export const a = 1;" > app/main.ts');
		const tree = page.getByRole('tree', { name: 'Files' });
		const folder = tree.getByRole('treeitem', { name: 'app' });
		await expect(folder).toBeVisible();
		await folder.focus();
		await page.keyboard.press('ArrowRight');
		await expect(folder).toHaveAttribute('aria-expanded', 'true');
		await page.keyboard.press('ArrowDown');
		await expect(tree.getByRole('treeitem', { name: 'main.ts' })).toBeFocused();
		await page.keyboard.press('Enter');
		await expect(
			page.getByRole('region', { name: 'Editor' }).getByRole('tab', { name: 'app/main.ts' })
		).toBeVisible();
	});

	test('marks a file with unsaved editor text until it is saved', async ({ page }) => {
		const tree = page.getByRole('tree', { name: 'Files' });
		await page.getByRole('button', { name: 'New file' }).click();
		await page.getByRole('textbox', { name: 'New file name' }).fill('draft.md');
		await page.keyboard.press('Enter');
		const item = tree.getByRole('treeitem', { name: 'draft.md' });
		await expect(item).toBeVisible();
		await expect(item).not.toHaveAccessibleDescription(/unsaved changes/i);

		const editor = page.getByRole('region', { name: 'Editor' });
		await expect(editor.getByRole('tab', { name: 'draft.md' })).toBeVisible();
		await editor.locator('.cm-content').click();
		await page.keyboard.type('# Not saved yet');
		await expect(item).toHaveAccessibleDescription('Unsaved changes');
		await expect(item.getByTitle('Unsaved changes')).toBeVisible();

		await page.keyboard.press('ControlOrMeta+s');
		await expect(item).not.toHaveAccessibleDescription(/unsaved changes/i);
		await expect(item.getByTitle('Unsaved changes')).toHaveCount(0);
	});
});
