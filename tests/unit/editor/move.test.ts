import { afterEach, describe, expect, it } from 'vitest';
import { undo } from '@codemirror/commands';
import { DraftWriter, EditorSession } from '$lib/editor';
import { MemoryWorkspace } from './memory-workspace';

const sessions: EditorSession[] = [];

afterEach(() => {
	for (const session of sessions.splice(0)) session.dispose();
});

function setup(seed: Record<string, string>) {
	const workspace = new MemoryWorkspace(seed);
	const stored = new Map<string, string>();
	const drafts = new DraftWriter({
		delayMs: 0,
		write: async (path, text) => void stored.set(path, text),
		remove: async (path) => void stored.delete(path)
	});
	const session = new EditorSession(workspace, { colorScheme: 'dark', drafts });
	sessions.push(session);
	return { workspace, session, stored, drafts };
}

function type(session: EditorSession, path: string, text: string) {
	session.dispatch(path, { changes: { from: 0, insert: text }, userEvent: 'input.type' });
}

describe('EditorSession.move', () => {
	it('takes open tabs under a moved folder along, unsaved text, history and draft included', async () => {
		const { workspace, session, stored, drafts } = setup({
			'src/app.ts': 'app',
			'src/util/x.ts': 'x',
			'other.ts': 'o'
		});
		await session.open('src/util/x.ts');
		await session.open('src/app.ts');
		await session.open('other.ts');
		type(session, 'src/util/x.ts', 'typed ');
		await drafts.flush();
		expect(stored.get('src/util/x.ts')).toBe('typed x');

		await session.move('src', 'lib/src', () => workspace.rename('src', 'lib/src'));
		await workspace.flush();
		await drafts.flush();

		expect(session.paths).toEqual(['lib/src/util/x.ts', 'lib/src/app.ts', 'other.ts']);
		expect(session.activePath).toBe('other.ts');
		expect(session.file('lib/src/util/x.ts')).toMatchObject({ dirty: true, deleted: false });
		expect(session.getText('lib/src/util/x.ts')).toBe('typed x');
		expect([...stored]).toEqual([['lib/src/util/x.ts', 'typed x']]);
		// The history moved with the text: undo brings back the file as it is on disk.
		const state = session.getState('lib/src/util/x.ts')!;
		undo({ state, dispatch: (tr) => session.dispatch('lib/src/util/x.ts', tr) });
		expect(session.getText('lib/src/util/x.ts')).toBe('x');
		expect(session.file('lib/src/util/x.ts')?.dirty).toBe(false);
		// Typing after the move still counts for the new path.
		type(session, 'lib/src/app.ts', 'more ');
		expect(session.file('lib/src/app.ts')?.dirty).toBe(true);
	});

	it('leaves the tabs where they were when the move fails', async () => {
		const { session } = setup({ 'a.ts': 'a' });
		await session.open('a.ts');
		type(session, 'a.ts', 'b');
		const failing = session.move('a.ts', 'b.ts', () => Promise.reject(new Error('refused')));
		await expect(failing).rejects.toThrow('refused');
		expect(session.paths).toEqual(['a.ts']);
		expect(session.activePath).toBe('a.ts');
		expect(session.getText('a.ts')).toBe('ba');
	});

	it('refuses to move onto a tab that holds unsaved text of a deleted file', async () => {
		const { workspace, session } = setup({ 'a.ts': 'a', 'b.ts': 'b' });
		await session.open('b.ts');
		type(session, 'b.ts', 'keep ');
		await workspace.remove('b.ts');
		expect(session.file('b.ts')?.deleted).toBe(true);
		let ran = false;
		const moving = session.move('a.ts', 'b.ts', async () => void (ran = true));
		await expect(moving).rejects.toThrow(/b\.ts is open in the editor/);
		expect(ran).toBe(false);
		expect(session.getText('b.ts')).toBe('keep b');
	});
});
