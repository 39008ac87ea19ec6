import { expect, test } from './model-server';
import { createProject, runInTerminal } from './helpers';
import { storedDraftRecords } from './idb-pages';

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

	test('moves a file into a folder by dragging it', async ({ page }) => {
		await runInTerminal(page, 'mkdir -p lib && echo "note" > notes.md && echo moved-ready');
		const tree = page.getByRole('tree', { name: 'Files' });
		const file = tree.getByRole('treeitem', { name: 'notes.md' });
		const folder = tree.getByRole('treeitem', { name: 'lib' });
		await expect(file).toBeVisible();
		await file.dragTo(folder);
		await expect(tree.getByRole('treeitem', { name: 'lib' })).toHaveAttribute(
			'aria-expanded',
			'true'
		);
		const moved = tree.getByRole('treeitem', { name: 'notes.md' });
		await expect(moved).toHaveAttribute('data-path', 'lib/notes.md');
		await expect(moved).toHaveAttribute('aria-level', '2');
		// An internal drag is no import: nothing was added, no import notice.
		await expect(page.getByText(/Added \d+ file/)).toHaveCount(0);
		await runInTerminal(page, 'cat lib/notes.md && ls');
		await expect(page.getByRole('region', { name: 'Terminal' })).toContainText('note');
	});

	test('moves with a path typed into the rename field, and refuses paths outside', async ({
		page
	}) => {
		await runInTerminal(page, 'mkdir -p src lib && echo a > src/app.ts && echo b > lib/app.ts');
		const tree = page.getByRole('tree', { name: 'Files' });
		await tree.getByRole('treeitem', { name: 'src' }).click();
		await tree.getByRole('treeitem', { name: 'app.ts' }).first().focus();
		const row = tree.locator('[data-path="src/app.ts"]');
		await row.focus();
		await page.keyboard.press('F2');
		const field = page.getByRole('textbox', { name: 'Rename app.ts' });
		await expect(field).toHaveAccessibleDescription(/path .* to move it/);

		await field.fill('../app.ts');
		await page.keyboard.press('Enter');
		await expect(tree.getByRole('alert')).toContainText('cannot go up');
		await field.fill('/tmp/app.ts');
		await page.keyboard.press('Enter');
		await expect(tree.getByRole('alert')).toContainText('absolute path');
		await field.fill('lib/app.ts');
		await page.keyboard.press('Enter');
		await expect(tree.getByRole('alert')).toContainText('already exists');

		await field.fill('web/pages/app.ts');
		await page.keyboard.press('Enter');
		const moved = tree.locator('[data-path="web/pages/app.ts"]');
		await expect(moved).toBeFocused();
		await expect(tree.locator('[data-path="src/app.ts"]')).toHaveCount(0);
		// Nothing lost: the clash left lib/app.ts alone.
		await runInTerminal(page, 'echo "[$(cat web/pages/app.ts)$(cat lib/app.ts)]"');
		await expect(page.getByRole('region', { name: 'Terminal' })).toContainText('[ab]');
	});

	test('moving a folder keeps the unsaved text of a file open from it', async ({ page }) => {
		await runInTerminal(page, 'mkdir -p src lib && echo "saved" > src/app.ts');
		const tree = page.getByRole('tree', { name: 'Files' });
		await tree.getByRole('treeitem', { name: 'src' }).click();
		await tree.getByRole('treeitem', { name: 'app.ts' }).click();
		const editor = page.getByRole('region', { name: 'Editor' });
		await expect(editor.locator('.cm-content')).toContainText('saved');
		await editor.locator('.cm-content').click();
		await page.keyboard.press('ControlOrMeta+Home');
		await page.keyboard.type('unsaved ');
		await expect(editor.getByRole('tab', { name: 'app.ts' })).toContainText('●');

		await tree
			.getByRole('treeitem', { name: 'src' })
			.dragTo(tree.getByRole('treeitem', { name: 'lib' }));
		await expect(tree.locator('[data-path="lib/src/app.ts"]')).toBeVisible();
		const tab = editor.getByRole('tab', { name: 'lib/src/app.ts', exact: true });
		await expect(tab).toContainText('●');
		await expect(editor.locator('.cm-content')).toContainText('unsaved saved');
		// The stored draft moved too, so a reload (or a crash) brings the text back at the new path.
		await expect
			.poll(async () => (await storedDraftRecords(page)).map((draft) => draft.path))
			.toEqual(['lib/src/app.ts']);
		await page.reload();
		await expect(tab).toBeVisible();
		await expect(editor.locator('.cm-content')).toContainText('unsaved saved');
		await editor.locator('.cm-content').click();
		await page.keyboard.press('ControlOrMeta+s');
		await expect(tab).not.toContainText('●');
		await runInTerminal(page, 'cat lib/src/app.ts');
		await expect(page.getByRole('region', { name: 'Terminal' })).toContainText('unsaved saved');
	});

	test('confirmations focus Cancel and give the focus back when they close', async ({ page }) => {
		await runInTerminal(page, 'echo "keep me" > keep.txt');
		const tree = page.getByRole('tree', { name: 'Files' });
		const row = tree.getByRole('treeitem', { name: 'keep.txt' });
		await row.focus();
		await page.keyboard.press('Delete');
		const dialog = page.getByRole('dialog', { name: 'Delete keep.txt?' });
		await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
		// Enter answers the safe way.
		await page.keyboard.press('Enter');
		await expect(dialog).toBeHidden();
		await expect(row).toBeFocused();

		// Discarding unsaved text asks the same way (Delete closes the focused tab); the focus returns to the tab.
		await row.click();
		const editor = page.getByRole('region', { name: 'Editor' });
		await editor.locator('.cm-content').click();
		await page.keyboard.type('more ');
		const close = editor.getByRole('tab', { name: 'keep.txt' });
		await close.focus();
		await page.keyboard.press('Delete');
		const discard = page.getByRole('dialog', { name: 'Discard unsaved changes?' });
		await expect(discard.getByRole('button', { name: 'Keep editing' })).toBeFocused();
		await page.keyboard.press('Escape');
		await expect(discard).toBeHidden();
		await expect(close).toBeFocused();
		await expect(editor.locator('.cm-content')).toContainText('more');
	});
});
