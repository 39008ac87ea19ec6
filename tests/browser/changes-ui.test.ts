import { flushSync, mount, unmount } from 'svelte';
import { SvelteSet } from 'svelte/reactivity';
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { ChangesPanel } from '../../src/lib/components/changes';
import { FileTree } from '../../src/lib/components/tree';
import { createBrowserRuntime } from '../../src/lib/runtime/browser';
import { ChangeReview } from '../../src/lib/state/changes';
import { openWorkspace, type Workspace } from '../../src/lib/workspace';
import { SnapshotSource } from '../fakes/snapshot-change-source';

const LOGO = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff, 0xfe]);
let component: ReturnType<typeof mount> | undefined;
let workspace: Workspace | undefined;

afterEach(async () => {
	if (component) unmount(component);
	component = undefined;
	document.body.innerHTML = '';
	workspace?.dispose();
	await workspace?.runtime.dispose();
	workspace = undefined;
});

/** A project where one agent turn edited, added, deleted and rewrote a binary file. */
async function changedProject() {
	const runtime = await createBrowserRuntime({
		files: { 'src/app.ts': 'const kept = 1;\nconst value = "before";\n', 'gone.txt': 'old\n' }
	});
	await runtime.fs.writeFile('logo.png', LOGO);
	workspace = await openWorkspace({ projectId: 'changes-ui', runtime });
	const source = new SnapshotSource(workspace);
	await source.startTurn('Improve it');
	await workspace.writeFile('src/app.ts', 'const kept = 1;\nconst value = "after";\n');
	await workspace.writeFile('added.md', '# New\n');
	await workspace.remove('gone.txt');
	await workspace.writeFile('logo.png', new Uint8Array([0, 1, 2, 3]));
	await source.endTurn();
	const review = new ChangeReview({ source, workspace });
	await review.refresh();
	return { workspace, review };
}

function showPanel(review: ChangeReview) {
	component = mount(ChangesPanel, { target: document.body, props: { review, onClose: () => {} } });
	flushSync();
	return page.getByRole('region', { name: 'Changes' });
}

describe('region "Changes"', () => {
	it('lists every changed file with its status and shows the selected one side by side', async () => {
		const { review } = await changedProject();
		const region = showPanel(review);
		await expect.element(region).toBeVisible();
		const items = region.getByRole('list', { name: 'Changed files' }).getByRole('listitem');
		await expect
			.poll(() => items.elements().map((li) => li.textContent?.replace(/\s+/g, ' ').trim()))
			.toEqual([
				'A added.md added Revert added.md',
				'D gone.txt deleted Revert gone.txt',
				'M logo.png modified Revert logo.png',
				'M src/app.ts modified Revert src/app.ts'
			]);

		await region.getByRole('button', { name: 'src/app.ts' }).click();
		const diff = region.getByRole('group', { name: 'Diff of src/app.ts' });
		const before = diff.getByRole('textbox', { name: 'Before: src/app.ts' });
		const after = diff.getByRole('textbox', { name: 'After: src/app.ts' });
		await expect.element(before).toHaveTextContent('const value = "before";');
		await expect.element(after).toHaveTextContent('const value = "after";');
		// Both sides are read-only.
		await expect.element(before).toHaveAttribute('contenteditable', 'false');
		await expect.element(after).toHaveAttribute('contenteditable', 'false');

		await region.getByRole('button', { name: 'logo.png' }).click();
		await expect
			.element(region.getByRole('group', { name: 'Diff of logo.png' }))
			.toHaveTextContent('Binary file (7 bytes before, 4 bytes after): no text diff to show.');
	});

	it('reverts one file with its own button, and all of them after a confirmation that focuses Cancel', async () => {
		const { workspace, review } = await changedProject();
		const region = showPanel(review);
		const row = (path: string) => region.getByRole('listitem').filter({ hasText: path });
		await row('logo.png').getByRole('button', { name: 'Revert' }).click();
		await expect.element(row('logo.png')).toHaveTextContent('modified, reverted');
		expect(await workspace.readBytes('logo.png')).toEqual(LOGO);
		await expect.element(region.getByRole('status')).toHaveTextContent('Reverted logo.png.');

		await region.getByRole('button', { name: 'Revert all' }).click();
		const dialog = page.getByRole('dialog', { name: 'Revert all 3 files?' });
		await expect.element(dialog).toBeVisible();
		await expect.element(dialog.getByRole('button', { name: 'Cancel' })).toHaveFocus();
		await userEvent.keyboard('{Enter}');
		await expect.element(dialog).not.toBeInTheDocument();
		expect(await workspace.readText('src/app.ts')).toContain('"after"');

		await region.getByRole('button', { name: 'Revert all' }).click();
		await page.getByRole('dialog').getByRole('button', { name: 'Revert all' }).click();
		await expect.element(region.getByRole('status')).toHaveTextContent('Reverted 3 files.');
		expect(await workspace.readText('src/app.ts')).toBe(
			'const kept = 1;\nconst value = "before";\n'
		);
		expect(await workspace.readText('gone.txt')).toBe('old\n');
		expect(workspace.exists('added.md')).toBe(false);
		await expect.element(region.getByRole('button', { name: 'Revert all' })).toBeDisabled();
	});
});

it('keeps Revert disabled, and says why, while reverting is not allowed', async () => {
	const { workspace, review } = await changedProject();
	const locked = 'Revert waits until the agent’s turn ends (or press Stop).';
	component = mount(ChangesPanel, {
		target: document.body,
		props: { review, locked, onClose: () => {} }
	});
	flushSync();
	const region = page.getByRole('region', { name: 'Changes' });
	await expect.element(region.getByText(locked)).toBeVisible();
	await expect.element(region.getByRole('button', { name: 'Revert all' })).toBeDisabled();
	for (const button of region.getByRole('button', { name: 'Revert', exact: true }).all()) {
		await expect.element(button).toBeDisabled();
	}
	expect(region.getByRole('button', { name: 'Revert', exact: true }).all()).toHaveLength(4);
	expect(await workspace.readText('src/app.ts')).toContain('"after"');
});

describe('tree marks', () => {
	it('marks files the agent changed apart from recent changes, with a description', async () => {
		const { workspace, review } = await changedProject();
		component = mount(FileTree, {
			target: document.body,
			props: { workspace, agentChanges: review.sessionChanges }
		});
		flushSync();
		const tree = page.getByRole('tree', { name: 'Files' });
		const added = tree.getByRole('treeitem', { name: 'added.md' });
		await expect.element(added).toHaveAccessibleDescription('Added by the agent');
		await expect.element(added.getByTitle('Added by the agent')).toHaveTextContent('A');
		const logo = tree.getByRole('treeitem', { name: 'logo.png' });
		await expect.element(logo).toHaveAccessibleDescription('Changed by the agent');
		await expect.element(logo.getByTitle('Changed by the agent')).toHaveTextContent('M');
		// A file the agent did not touch has neither mark nor description.
		await workspace.writeFile('plain.txt', 'x');
		const plain = tree.getByRole('treeitem', { name: 'plain.txt' });
		await expect.element(plain).toBeVisible();
		await expect.element(plain).not.toHaveAccessibleDescription(/by the agent/);
		expect(plain.element().textContent).not.toMatch(/[AM]$/);
	});

	it("marks files with unsaved editor text apart from the agent's marks, and both together", async () => {
		const { workspace, review } = await changedProject();
		await workspace.writeFile('clean.txt', 'x');
		const unsaved = new SvelteSet(['src/app.ts', 'added.md']);
		component = mount(FileTree, {
			target: document.body,
			props: {
				workspace,
				agentChanges: review.sessionChanges,
				hasUnsavedText: (path: string) => unsaved.has(path)
			}
		});
		flushSync();
		const tree = page.getByRole('tree', { name: 'Files' });
		const item = (name: string) => tree.getByRole('treeitem', { name, exact: true });
		await item('src').click();
		await expect
			.element(item('app.ts'))
			.toHaveAccessibleDescription('Changed by the agent, unsaved changes');
		await expect
			.element(item('added.md'))
			.toHaveAccessibleDescription('Added by the agent, unsaved changes');
		await expect.element(item('logo.png')).toHaveAccessibleDescription('Changed by the agent');
		await expect.element(item('clean.txt')).not.toHaveAccessibleDescription(/unsaved|agent/i);
		await expect.element(item('app.ts').getByTitle('Unsaved changes')).toHaveTextContent('●');
		await expect.element(item('logo.png').getByTitle('Unsaved changes')).not.toBeInTheDocument();

		// Unsaved alone reads as such, and the mark follows the editor as it saves.
		unsaved.add('clean.txt');
		await expect.element(item('clean.txt')).toHaveAccessibleDescription('Unsaved changes');
		await expect.element(item('clean.txt').getByTitle('Unsaved changes')).toBeVisible();
		unsaved.delete('clean.txt');
		unsaved.delete('src/app.ts');
		await expect.element(item('clean.txt')).not.toHaveAccessibleDescription(/unsaved/i);
		await expect.element(item('app.ts')).toHaveAccessibleDescription('Changed by the agent');
	});
});
