import { configure, createProject, send } from './helpers';
import { expect, test } from './model-server';

test('"Changes" opens and closes the review region, by mouse and keyboard, wide and narrow', async ({
	page
}) => {
	await createProject(page, 'Blank', { query: '?runtime=browser' });
	const button = page.getByRole('button', { name: 'Changes', exact: true });
	await expect(button).toHaveAttribute('aria-pressed', 'false');
	await button.click();
	const region = page.getByRole('region', { name: 'Changes' });
	await expect(region).toBeVisible();
	await expect(button).toHaveAttribute('aria-pressed', 'true');
	await expect(region).toContainText('The agent has not changed any files in this chat yet.');
	// The editor and preview make room; they come back when the region closes.
	await expect(page.getByRole('region', { name: 'Editor' })).toBeHidden();
	await page.keyboard.press('Escape');
	await expect(region).toBeHidden();
	await expect(button).toBeFocused();
	await expect(page.getByRole('region', { name: 'Editor' })).toBeVisible();

	// Narrow, the top bar's actions are in its menu.
	await page.setViewportSize({ width: 700, height: 800 });
	const menu = page.getByRole('button', { name: 'Menu' });
	await menu.click();
	const item = page.getByRole('menu', { name: 'Menu' }).getByRole('menuitemcheckbox', {
		name: 'Changes'
	});
	await expect(item).toHaveAttribute('aria-checked', 'false');
	await item.click();
	const tab = page.getByRole('tab', { name: 'Changes' });
	await expect(tab).toHaveAttribute('aria-selected', 'true');
	await expect(region).toBeVisible();
	await region.getByRole('button', { name: 'Close changes' }).click();
	await expect(tab).toBeHidden();
	await expect(menu).toBeFocused();
	await expect(page.getByRole('tab', { name: 'Editor' })).toHaveAttribute('aria-selected', 'true');
});

test('reviews what an agent turn changed and reverts it, file by file and all at once', async ({
	page,
	modelServer
}) => {
	modelServer.setScript({
		turns: [
			{
				toolCalls: [{ name: 'write', input: { path: 'notes.md', content: 'Remember the milk\n' } }]
			},
			// The edit tool wants the file read first.
			{ toolCalls: [{ name: 'read', input: { path: 'index.html' } }] },
			{
				toolCalls: [
					{
						name: 'edit',
						input: {
							path: 'index.html',
							old_string: '<p>This page is plain HTML',
							new_string: '<p>Reviewed by the agent. This page is plain HTML'
						}
					}
				]
			},
			{ toolCalls: [{ name: 'bash', input: { command: 'rm main.js' } }] },
			{ text: 'Tidied up.' }
		]
	});
	await createProject(page, 'Static site', { query: '?runtime=browser' });
	await configure(page, 'Anthropic', modelServer.url);
	await send(page, 'Tidy up the project');
	await expect(page.getByRole('region', { name: 'Chat' }).getByText('Tidied up.')).toBeVisible();

	const tree = page.getByRole('tree', { name: 'Files' });
	await expect(tree.getByRole('treeitem', { name: 'notes.md' })).toHaveAccessibleDescription(
		'Added by the agent'
	);
	await expect(tree.getByRole('treeitem', { name: 'index.html' })).toHaveAccessibleDescription(
		'Changed by the agent'
	);
	await expect(tree.getByRole('treeitem', { name: 'style.css' })).not.toHaveAccessibleDescription(
		/by the agent/
	);

	await page.getByRole('button', { name: 'Changes', exact: true }).click();
	const region = page.getByRole('region', { name: 'Changes' });
	const files = region.getByRole('list', { name: 'Changed files' }).getByRole('listitem');
	await expect(files).toHaveCount(3);
	const row = (path: string) => files.filter({ hasText: path });
	await expect(row('index.html')).toContainText('modified');
	await expect(row('main.js')).toContainText('deleted');
	await expect(row('notes.md')).toContainText('added');

	await row('index.html').getByRole('button', { name: 'index.html' }).click();
	const diff = region.getByRole('group', { name: 'Diff of index.html' });
	await expect(diff.getByRole('textbox', { name: 'Before: index.html' })).toContainText(
		'<p>This page is plain HTML'
	);
	await expect(diff.getByRole('textbox', { name: 'After: index.html' })).toContainText(
		'Reviewed by the agent.'
	);

	await row('index.html').getByRole('button', { name: 'Revert' }).click();
	await expect(region.getByRole('status')).toContainText('Reverted index.html.');
	await expect(tree.getByRole('treeitem', { name: 'index.html' })).not.toHaveAccessibleDescription(
		/by the agent/
	);

	await region.getByRole('button', { name: 'Revert all' }).click();
	const dialog = page.getByRole('dialog', { name: 'Revert all 2 files?' });
	await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
	await dialog.getByRole('button', { name: 'Revert all' }).click();
	await expect(region.getByRole('status')).toContainText('Reverted 2 files.');
	await expect(tree.getByRole('treeitem', { name: 'main.js' })).toBeVisible();
	await expect(tree.getByRole('treeitem', { name: 'notes.md' })).toBeHidden();

	// The reverted files are what the project keeps.
	await page.reload();
	await expect(tree.getByRole('treeitem', { name: 'main.js' })).toBeVisible();
	await expect(tree.getByRole('treeitem', { name: 'notes.md' })).toBeHidden();
	await tree.getByRole('treeitem', { name: 'index.html' }).click();
	const editor = page.getByRole('region', { name: 'Editor' }).locator('.cm-content');
	await expect(editor).toContainText('This page is plain HTML');
	await expect(editor).not.toContainText('Reviewed by the agent.');
});
