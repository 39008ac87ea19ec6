import { afterEach, describe, expect, it, vi } from 'vitest';
import { undo } from '@codemirror/commands';
import { language } from '@codemirror/language';
import { EditorView } from '@codemirror/view';
import { EditorSession } from '$lib/editor';
import { MemoryWorkspace } from './memory-workspace';

const sessions: EditorSession[] = [];

function setup(seed: Record<string, string | Uint8Array>, confirmDiscard?: () => boolean) {
	const workspace = new MemoryWorkspace(seed);
	const session = new EditorSession(workspace, { colorScheme: 'dark', confirmDiscard });
	sessions.push(session);
	return { workspace, session };
}

/** Types into a file the way the view would: one user transaction. */
function type(session: EditorSession, path: string, text: string, at = 0) {
	session.dispatch(path, { changes: { from: at, insert: text }, userEvent: 'input.type' });
}

function undoIn(session: EditorSession, path: string) {
	const state = session.getState(path)!;
	undo({ state, dispatch: (transaction) => session.dispatch(path, transaction) });
}

afterEach(() => {
	for (const session of sessions.splice(0)) session.dispose();
});

describe('EditorSession: opening', () => {
	it('opens a file into an active tab with its text and language', async () => {
		const { session } = setup({ 'src/main.ts': 'let a: number = 1;\n' });
		await session.open('src/main.ts');
		expect(session.paths).toEqual(['src/main.ts']);
		expect(session.activePath).toBe('src/main.ts');
		expect(session.active).toMatchObject({
			status: 'text',
			dirty: false,
			readOnly: false,
			size: 19
		});
		expect(session.getText('src/main.ts')).toBe('let a: number = 1;\n');
		expect(session.getState('src/main.ts')!.facet(language)?.name).toBe('typescript');
	});

	it('shows the existing tab instead of opening a second one', async () => {
		const { session } = setup({ 'a.ts': 'a', 'b.ts': 'b' });
		await session.open('a.ts');
		await session.open('./b.ts');
		await session.open('a.ts');
		expect(session.paths).toEqual(['a.ts', 'b.ts']);
		expect(session.activePath).toBe('a.ts');
	});

	it('marks the tab as loading until the text arrives', async () => {
		const { session } = setup({ 'a.ts': 'a' });
		const opening = session.open('a.ts');
		expect(session.active?.status).toBe('loading');
		await opening;
		expect(session.active?.status).toBe('text');
	});

	it('opens a binary file as a notice with its size, not as text', async () => {
		const { session } = setup({ 'logo.png': new Uint8Array([137, 80, 78, 71, 0, 1, 2]) });
		await session.open('logo.png');
		expect(session.active).toMatchObject({ status: 'binary', size: 7 });
		expect(session.getState('logo.png')).toBeUndefined();
	});

	it('opens a huge file read-only, without highlighting, and refuses to save it', async () => {
		const { workspace, session } = setup({ 'data/big.ts': 'const a = 1;\n' });
		workspace.reportedSizes.set('data/big.ts', 6 * 1024 * 1024);
		await session.open('data/big.ts');
		const state = session.getState('data/big.ts')!;
		expect(session.active).toMatchObject({ status: 'text', readOnly: true, size: 6 * 1024 * 1024 });
		expect(state.readOnly).toBe(true);
		expect(state.facet(EditorView.editable)).toBe(false);
		expect(state.facet(language)).toBeNull();
		expect(await session.save('data/big.ts')).toBe(false);
		expect(workspace.writes).toEqual([]);
	});

	it('treats text longer than the limit as huge even when the index has no size', async () => {
		const workspace = new MemoryWorkspace({ 'log.txt': 'x'.repeat(2000) });
		const session = new EditorSession(workspace, { hugeFileBytes: 1000 });
		sessions.push(session);
		workspace.reportedSizes.set('log.txt', 10);
		await session.open('log.txt');
		expect(session.active?.readOnly).toBe(true);
	});

	it('reports a file that cannot be read in the tab, with what to do', async () => {
		const { session } = setup({});
		await session.open('missing.ts');
		expect(session.active?.status).toBe('error');
		expect(session.active?.error).toMatch(
			/^Could not open missing\.ts: ENOENT.*Check that the file still exists/
		);
	});
});

describe('EditorSession: editing and saving', () => {
	it('is dirty while the text differs from the saved text, and clean after undo', async () => {
		const { session } = setup({ 'a.ts': 'hello' });
		await session.open('a.ts');
		type(session, 'a.ts', 'X');
		expect(session.active?.dirty).toBe(true);
		expect(session.hasUnsavedChanges).toBe(true);
		undoIn(session, 'a.ts');
		expect(session.getText('a.ts')).toBe('hello');
		expect(session.active?.dirty).toBe(false);
	});

	it('saves through the workspace and is clean afterwards, ignoring its own change event', async () => {
		const { workspace, session } = setup({ 'a.ts': 'hello' });
		await session.open('a.ts');
		type(session, 'a.ts', 'say ');
		expect(await session.save()).toBe(true);
		await workspace.settled();
		expect(await workspace.readText('a.ts')).toBe('say hello');
		expect(session.active).toMatchObject({ dirty: false, changedOnDisk: false, error: null });
		expect(session.getText('a.ts')).toBe('say hello');
	});

	it('stays dirty when the person types while the save is in flight', async () => {
		const { workspace, session } = setup({ 'a.ts': 'hello' });
		await session.open('a.ts');
		type(session, 'a.ts', '1');
		const saving = session.save('a.ts');
		type(session, 'a.ts', '2');
		expect(await saving).toBe(true);
		await workspace.settled();
		expect(await workspace.readText('a.ts')).toBe('1hello');
		expect(session.active).toMatchObject({ dirty: true, changedOnDisk: false });
	});

	it('recognises its own save when the change event is read before the write resolves', async () => {
		const { workspace, session } = setup({ 'a.ts': 'hello' });
		await session.open('a.ts');
		type(session, 'a.ts', '1');
		let release = () => {};
		workspace.writeGate = new Promise((resolve) => (release = resolve));
		const saving = session.save('a.ts');
		type(session, 'a.ts', '2');
		await workspace.settled();
		expect(session.active?.changedOnDisk).toBe(false);
		release();
		expect(await saving).toBe(true);
		expect(session.active).toMatchObject({ dirty: true, changedOnDisk: false });
		expect(session.getText('a.ts')).toBe('21hello');
	});

	it('keeps the edits and says what to do when saving fails', async () => {
		const { workspace, session } = setup({ 'a.ts': 'hello' });
		await session.open('a.ts');
		type(session, 'a.ts', '!');
		workspace.failNextWrite = new Error('Quota exceeded.');
		expect(await session.save()).toBe(false);
		expect(session.active?.dirty).toBe(true);
		expect(session.active?.error).toBe(
			'Could not save a.ts: Quota exceeded. Your changes are still in the editor; try saving again.'
		);
		expect(await session.save()).toBe(true);
		expect(session.active?.error).toBeNull();
	});

	it('saves every dirty tab with saveAll', async () => {
		const { workspace, session } = setup({ 'a.ts': 'a', 'b.ts': 'b', 'c.ts': 'c' });
		for (const path of ['a.ts', 'b.ts', 'c.ts']) await session.open(path);
		type(session, 'a.ts', '1');
		type(session, 'c.ts', '3');
		expect(await session.saveAll()).toBe(true);
		expect(workspace.writes.sort()).toEqual(['a.ts', 'c.ts']);
		expect(session.hasUnsavedChanges).toBe(false);
	});

	it('keeps each file its own undo history when switching tabs', async () => {
		const { session } = setup({ 'a.ts': 'a', 'b.ts': 'b' });
		await session.open('a.ts');
		type(session, 'a.ts', 'A');
		await session.open('b.ts');
		type(session, 'b.ts', 'B');
		session.activate('a.ts');
		undoIn(session, 'a.ts');
		expect(session.getText('a.ts')).toBe('a');
		expect(session.getText('b.ts')).toBe('Bb');
	});
});

describe('EditorSession: changes from outside', () => {
	it('reloads a clean tab when a process changes the file, keeping the cursor', async () => {
		const { workspace, session } = setup({ 'a.ts': 'line1\nline2\nline3' });
		await session.open('a.ts');
		const end = 'line1\nline2\nline3'.length;
		session.dispatch('a.ts', { selection: { anchor: end } });
		workspace.runtimeWrite('a.ts', 'LINE-ONE\nline2\nline3');
		await workspace.settled();
		expect(session.getText('a.ts')).toBe('LINE-ONE\nline2\nline3');
		expect(session.getState('a.ts')!.selection.main.head).toBe(end + 3);
		expect(session.active).toMatchObject({ dirty: false, changedOnDisk: false });
	});

	it('reloads on a write through the workspace by someone else (the agent)', async () => {
		const { workspace, session } = setup({ 'a.ts': 'old' });
		await session.open('a.ts');
		await workspace.writeFile('a.ts', 'new');
		await workspace.settled();
		expect(session.getText('a.ts')).toBe('new');
		expect(session.active?.dirty).toBe(false);
	});

	it('does not put a reload into the undo history', async () => {
		const { workspace, session } = setup({ 'a.ts': 'old' });
		await session.open('a.ts');
		workspace.runtimeWrite('a.ts', 'new');
		await workspace.settled();
		undoIn(session, 'a.ts');
		expect(session.getText('a.ts')).toBe('new');
	});

	it('marks a dirty tab changed on disk and lets the person reload', async () => {
		const { workspace, session } = setup({ 'a.ts': 'base' });
		await session.open('a.ts');
		type(session, 'a.ts', 'mine ');
		workspace.runtimeWrite('a.ts', 'theirs');
		await workspace.settled();
		expect(session.active).toMatchObject({ dirty: true, changedOnDisk: true });
		expect(session.getText('a.ts')).toBe('mine base');
		await session.reloadFromDisk('a.ts');
		expect(session.getText('a.ts')).toBe('theirs');
		expect(session.active).toMatchObject({ dirty: false, changedOnDisk: false });
	});

	it('marks a dirty tab changed on disk and lets the person keep their text and save over it', async () => {
		const { workspace, session } = setup({ 'a.ts': 'base' });
		await session.open('a.ts');
		type(session, 'a.ts', 'mine ');
		workspace.runtimeWrite('a.ts', 'theirs');
		await workspace.settled();
		await session.keepLocalChanges('a.ts');
		expect(session.active).toMatchObject({ dirty: true, changedOnDisk: false });
		await session.save();
		expect(await workspace.readText('a.ts')).toBe('mine base');
	});

	it('counts a dirty tab as saved when the disk now holds exactly its text', async () => {
		const { workspace, session } = setup({ 'a.ts': 'base' });
		await session.open('a.ts');
		type(session, 'a.ts', 'x');
		workspace.runtimeWrite('a.ts', 'xbase');
		await workspace.settled();
		expect(session.active).toMatchObject({ dirty: false, changedOnDisk: false });
	});

	it('ignores changes to files that are not open', async () => {
		const { workspace, session } = setup({ 'a.ts': 'a', 'b.ts': 'b' });
		await session.open('a.ts');
		const read = vi.spyOn(workspace, 'readText');
		workspace.runtimeWrite('b.ts', 'B');
		workspace.runtimeWrite('c.ts', 'C');
		expect(read).not.toHaveBeenCalled();
	});

	it('closes a clean tab whose file was removed and activates a neighbour', async () => {
		const { workspace, session } = setup({ 'a.ts': 'a', 'b.ts': 'b', 'c.ts': 'c' });
		for (const path of ['a.ts', 'b.ts', 'c.ts']) await session.open(path);
		session.activate('b.ts');
		workspace.runtimeRemove('b.ts');
		expect(session.paths).toEqual(['a.ts', 'c.ts']);
		expect(session.activePath).toBe('c.ts');
	});

	it('closes the tabs of files inside a removed folder', async () => {
		const { workspace, session } = setup({ 'src/a.ts': 'a', 'src/lib/b.ts': 'b', 'srcx.ts': 'x' });
		for (const path of ['src/a.ts', 'src/lib/b.ts', 'srcx.ts']) await session.open(path);
		workspace.runtimeRemove('src');
		expect(session.paths).toEqual(['srcx.ts']);
	});

	it('marks a dirty tab deleted instead of losing its text; saving recreates the file', async () => {
		const { workspace, session } = setup({ 'a.ts': 'a' });
		await session.open('a.ts');
		type(session, 'a.ts', 'keep ');
		workspace.runtimeRemove('a.ts');
		expect(session.active).toMatchObject({ deleted: true, dirty: true });
		expect(await session.save()).toBe(true);
		await workspace.settled();
		expect(await workspace.readText('a.ts')).toBe('keep a');
		expect(session.active).toMatchObject({ deleted: false, dirty: false });
	});

	it('reads a rename away from an open file as a removal', async () => {
		const { workspace, session } = setup({ 'a.ts': 'a' });
		await session.open('a.ts');
		await workspace.rename('a.ts', 'b.ts');
		expect(session.paths).toEqual([]);
		expect(session.activePath).toBeNull();
	});

	it('reads a delete-and-rewrite in one batch as a change, not a close', async () => {
		const { workspace, session } = setup({ 'a.ts': 'old' });
		await session.open('a.ts');
		workspace.runtimeReplace('a.ts', 'rewritten');
		await workspace.settled();
		expect(session.paths).toEqual(['a.ts']);
		expect(session.getText('a.ts')).toBe('rewritten');
	});

	it('turns a clean text tab into a notice when the file becomes binary', async () => {
		const { workspace, session } = setup({ 'a.bin': 'text' });
		await session.open('a.bin');
		workspace.runtimeWrite('a.bin', new Uint8Array([0, 1, 2]));
		await workspace.settled();
		expect(session.active).toMatchObject({ status: 'binary', size: 3 });
	});
});

describe('EditorSession: closing', () => {
	it('closes a clean tab without asking', async () => {
		const confirm = vi.fn(() => false);
		const { session } = setup({ 'a.ts': 'a' }, confirm);
		await session.open('a.ts');
		expect(await session.close('a.ts')).toBe(true);
		expect(session.paths).toEqual([]);
		expect(confirm).not.toHaveBeenCalled();
	});

	it('asks before discarding unsaved changes and keeps the tab when told no', async () => {
		const confirm = vi.fn(() => false);
		const { session } = setup({ 'a.ts': 'a' }, confirm);
		await session.open('a.ts');
		type(session, 'a.ts', 'x');
		expect(await session.close('a.ts')).toBe(false);
		expect(confirm).toHaveBeenCalledWith('a.ts');
		expect(session.paths).toEqual(['a.ts']);
		session.confirmDiscard = () => Promise.resolve(true);
		expect(await session.close('a.ts')).toBe(true);
		expect(session.paths).toEqual([]);
	});

	it('closes without asking when forced', async () => {
		const confirm = vi.fn(() => false);
		const { session } = setup({ 'a.ts': 'a' }, confirm);
		await session.open('a.ts');
		type(session, 'a.ts', 'x');
		expect(await session.close('a.ts', { force: true })).toBe(true);
		expect(confirm).not.toHaveBeenCalled();
	});

	it('drops a read in flight when its tab is closed', async () => {
		const { session } = setup({ 'a.ts': 'a' });
		const opening = session.open('a.ts');
		await session.close('a.ts');
		await opening;
		expect(session.paths).toEqual([]);
		expect(session.getState('a.ts')).toBeUndefined();
	});
});

describe('EditorSession: colour scheme and lifetime', () => {
	it('switches every open file between dark and light themes', async () => {
		const { session } = setup({ 'a.ts': 'a', 'b.ts': 'b' });
		await session.open('a.ts');
		await session.open('b.ts');
		expect(session.getState('a.ts')!.facet(EditorView.darkTheme)).toBe(true);
		session.setColorScheme('light');
		expect(session.getState('a.ts')!.facet(EditorView.darkTheme)).toBe(false);
		expect(session.getState('b.ts')!.facet(EditorView.darkTheme)).toBe(false);
		await session.open('c.ts');
		expect(session.colorScheme).toBe('light');
	});

	it('keeps edits made in other tabs reachable after the theme changes', async () => {
		const { session } = setup({ 'a.ts': 'a' });
		await session.open('a.ts');
		type(session, 'a.ts', 'x');
		session.setColorScheme('light');
		expect(session.getText('a.ts')).toBe('xa');
		expect(session.active?.dirty).toBe(true);
	});

	it('stops listening to the workspace when disposed', () => {
		const { workspace, session } = setup({});
		expect(workspace.listenerCount).toBe(1);
		session.dispose();
		expect(workspace.listenerCount).toBe(0);
	});
});
