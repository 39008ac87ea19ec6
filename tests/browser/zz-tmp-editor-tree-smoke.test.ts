import { expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { flushSync, mount, unmount } from 'svelte';
import { EditorSession } from '$lib/editor';
import { Editor } from '$lib/components/editor';
import { FileTree } from '$lib/components/tree';
import { MemoryWorkspace } from '../unit/editor/memory-workspace';

it('tree + editor smoke', async () => {
	const ws = new MemoryWorkspace({
		'src/main.ts': 'const a = 1;\n',
		'src/app.css': 'a{}',
		'README.md': '# Hi',
		'logo.png': new Uint8Array([0, 1])
	});
	const session = new EditorSession(ws);
	const target = document.createElement('div');
	target.style.cssText = 'display:flex;height:500px';
	document.body.append(target);
	const treeHost = document.createElement('div');
	treeHost.style.width = '250px';
	const edHost = document.createElement('div');
	edHost.style.cssText = 'flex:1;height:500px';
	target.append(treeHost, edHost);
	const tree = mount(FileTree, {
		target: treeHost,
		props: { workspace: ws, onOpen: (p: string) => void session.open(p, { focus: true }) }
	});
	const ed = mount(Editor, { target: edHost, props: { workspace: ws, session } });
	flushSync();
	await expect.element(page.getByText('No file open — pick one in the tree')).toBeVisible();
	const src = page.getByRole('treeitem', { name: 'src' });
	await expect.element(src).toHaveAttribute('aria-expanded', 'false');
	await src.click();
	await expect.element(src).toHaveAttribute('aria-expanded', 'true');
	await userEvent.keyboard('{ArrowDown}{ArrowDown}');
	await expect.element(page.getByRole('treeitem', { name: 'main.ts' })).toHaveFocus();
	await userEvent.keyboard('{Enter}');
	await expect
		.element(page.getByRole('tab', { name: 'src/main.ts' }))
		.toHaveAttribute('aria-selected', 'true');
	const textbox = page.getByRole('textbox');
	await expect.element(textbox).toHaveTextContent('const a = 1;');
	await expect.element(textbox).toHaveFocus();
	await userEvent.keyboard('// hi');
	await expect.poll(() => session.active?.dirty).toBe(true);
	await expect.element(page.getByText('●').first()).toBeVisible();
	await userEvent.keyboard('{Control>}s{/Control}');
	await expect.poll(() => ws.files.get('src/main.ts')?.content).toBe('// hiconst a = 1;\n');
	await expect.poll(() => session.active?.dirty).toBe(false);
	// external change
	ws.runtimeWrite('src/main.ts', '// hiconst a = 2;\n');
	await expect.element(page.getByRole('textbox')).toHaveTextContent('const a = 2;');
	// search panel
	await page.getByRole('textbox').click();
	await userEvent.keyboard('{Control>}f{/Control}');
	await expect.element(page.getByRole('textbox', { name: 'Find' })).toHaveFocus();
	await userEvent.keyboard('{Escape}');
	await userEvent.keyboard('{Control>}h{/Control}');
	await expect.element(page.getByRole('textbox', { name: 'Replace' })).toHaveFocus();
	await userEvent.keyboard('{Escape}');
	await expect.element(page.getByRole('textbox', { name: 'Replace' })).not.toBeInTheDocument();
	// binary
	await page.getByRole('treeitem', { name: 'logo.png' }).click();
	await expect.element(page.getByText('Binary file — not shown (2 B)')).toBeVisible();
	// dirty close → dialog
	await page.getByRole('tab', { name: 'src/main.ts' }).click();
	await page.elementLocator(document.querySelector('.cm-content')!).click();
	await userEvent.keyboard('x');
	await expect.poll(() => session.active?.dirty).toBe(true);
	await page.getByRole('button', { name: 'Close src/main.ts' }).click();
	await expect.element(page.getByRole('dialog')).toBeVisible();
	await page.getByRole('button', { name: 'Keep editing' }).click();
	await expect.element(page.getByRole('tab', { name: 'src/main.ts' })).toBeVisible();
	// rename via F2
	await page.getByRole('treeitem', { name: 'README.md' }).click();
	await userEvent.keyboard('{F2}');
	const rename = page.getByRole('textbox', { name: 'Rename README.md' });
	await expect.element(rename).toHaveFocus();
	await userEvent.keyboard('{Control>}a{/Control}logo.png');
	await userEvent.keyboard('{Enter}');
	await expect.element(page.getByRole('alert').filter({ hasText: 'already exists' })).toBeVisible();
	await userEvent.keyboard('{Control>}a{/Control}NOTES.md{Enter}');
	await expect.element(page.getByRole('treeitem', { name: 'NOTES.md' })).toHaveFocus();
	// delete with dialog
	await userEvent.keyboard('{Delete}');
	await expect.element(page.getByRole('dialog')).toBeVisible();
	await page.getByRole('button', { name: 'Delete' }).click();
	await expect.poll(() => ws.exists('NOTES.md')).toBe(false);
	// new file
	await page.getByRole('treeitem', { name: 'src' }).click();
	await page.getByRole('treeitem', { name: 'src' }).click();
	await page.getByRole('button', { name: 'New file' }).click();
	await expect.element(page.getByRole('textbox', { name: 'New file name' })).toHaveFocus();
	await userEvent.keyboard('b.ts{Enter}');
	await expect.poll(() => ws.exists('src/b.ts')).toBe(true);
	await expect.element(page.getByRole('tab', { name: 'src/b.ts' })).toBeVisible();
	// context menu
	await page.getByRole('treeitem', { name: 'b.ts' }).click({ button: 'right' });
	await expect.element(page.getByRole('menuitem', { name: 'Rename' })).toBeVisible();
	await userEvent.keyboard('{Escape}');
	await expect.element(page.getByRole('menu')).not.toBeInTheDocument();
	unmount(tree);
	unmount(ed);
	session.dispose();
});
