import { afterEach, describe, expect, it, vi } from 'vitest';
import { undo } from '@codemirror/commands';
import {
	DraftWriter,
	EditorSession,
	textHash,
	type SaveConflict,
	type SaveConflictAnswer
} from '$lib/editor';
import { MemoryWorkspace } from './memory-workspace';

const sessions: EditorSession[] = [];

afterEach(() => {
	for (const session of sessions.splice(0)) session.dispose();
	vi.useRealTimers();
});

/** A session whose drafts land in a Map, and whose overwrite question answers `answer`. */
function setup(seed: Record<string, string>, answer: SaveConflictAnswer = 'cancel') {
	const workspace = new MemoryWorkspace(seed);
	const stored = new Map<string, { text: string; baseHash: string | null }>();
	const asked: SaveConflict[] = [];
	const writer = new DraftWriter({
		delayMs: 50,
		write: async (path, text, baseHash) => void stored.set(path, { text, baseHash }),
		remove: async (path) => void stored.delete(path)
	});
	const session = new EditorSession(workspace, {
		colorScheme: 'dark',
		drafts: writer,
		confirmOverwrite: (conflict) => {
			asked.push(conflict);
			return answer;
		}
	});
	sessions.push(session);
	return { workspace, session, stored, writer, asked };
}

function type(session: EditorSession, path: string, text: string, at = 0) {
	session.dispatch(path, { changes: { from: at, insert: text }, userEvent: 'input.type' });
}

describe('drafts', () => {
	it('keeps the draft until the saved file is in storage, and after a failed save', async () => {
		const { workspace, session, stored, writer } = setup({ 'a.ts': 'base' });
		await session.open('a.ts');
		type(session, 'a.ts', 'new ');
		await writer.flush();
		let persist!: () => void;
		workspace.flushGate = new Promise((resolve) => (persist = resolve));
		const saving = session.save();
		await vi.waitFor(() => expect(workspace.writes).toContain('a.ts'));
		await writer.flush();
		// Written to the runtime, not yet to storage: a crash now must still find the draft.
		expect(stored.get('a.ts')?.text).toBe('new base');
		persist();
		expect(await saving).toBe(true);
		await writer.flush();
		expect(stored.has('a.ts')).toBe(false);

		type(session, 'a.ts', 'again ');
		await writer.flush();
		workspace.flushGate = Promise.reject(new Error('The browser storage is full.'));
		expect(await session.save()).toBe(false);
		await writer.flush();
		expect(stored.get('a.ts')?.text).toBe('again new base');
		expect(session.active?.error).toMatch(/storage is full/);
	});

	it('writes one draft after typing pauses, and removes it when the file is saved', async () => {
		vi.useFakeTimers();
		const { session, stored, writer } = setup({ 'a.ts': 'base' });
		await session.open('a.ts');
		type(session, 'a.ts', '1');
		type(session, 'a.ts', '2');
		expect(stored.size).toBe(0);
		await vi.advanceTimersByTimeAsync(60);
		expect(stored.get('a.ts')).toEqual({ text: '21base', baseHash: textHash('base') });

		expect(await session.save()).toBe(true);
		await writer.flush();
		expect(stored.has('a.ts')).toBe(false);
	});

	it('removes the draft when the text is undone back to the saved version', async () => {
		const { session, stored, writer } = setup({ 'a.ts': 'base' });
		await session.open('a.ts');
		type(session, 'a.ts', 'x');
		await writer.flush();
		expect(stored.get('a.ts')?.text).toBe('xbase');
		const state = session.getState('a.ts')!;
		undo({ state, dispatch: (tr) => session.dispatch('a.ts', tr) });
		await writer.flush();
		expect(session.active?.dirty).toBe(false);
		expect(stored.has('a.ts')).toBe(false);
	});

	it('flush writes a waiting draft at once (page hidden, project left)', async () => {
		const { session, stored, writer } = setup({ 'a.ts': 'base' });
		await session.open('a.ts');
		type(session, 'a.ts', 'typed ');
		await writer.flush();
		expect(stored.get('a.ts')?.text).toBe('typed base');
	});

	it('a paused writer (this tab lost the project) neither writes nor deletes', async () => {
		const { session, stored, writer } = setup({ 'a.ts': 'base' });
		await session.open('a.ts');
		type(session, 'a.ts', 'kept ');
		await writer.pause();
		expect(stored.get('a.ts')?.text).toBe('kept base');
		await session.reloadFromDisk('a.ts');
		type(session, 'a.ts', 'ignored ');
		await writer.flush();
		expect(stored.get('a.ts')?.text).toBe('kept base');
	});

	it('restores a draft into a tab as unsaved text that undo takes back to the file', async () => {
		const { session } = setup({ 'a.ts': 'base' });
		await session.restoreDraft({ path: 'a.ts', text: 'draft text', baseHash: textHash('base') });
		expect(session.activePath).toBe('a.ts');
		expect(session.getText('a.ts')).toBe('draft text');
		expect(session.active).toMatchObject({
			dirty: true,
			restoredDraft: 'clean',
			changedOnDisk: false
		});
		const state = session.getState('a.ts')!;
		undo({ state, dispatch: (tr) => session.dispatch('a.ts', tr) });
		expect(session.getText('a.ts')).toBe('base');
	});

	it('says so when the file changed on disk since the draft began, and asks before saving', async () => {
		const { session, workspace, asked } = setup({ 'a.ts': 'changed by the agent' });
		await session.restoreDraft({ path: 'a.ts', text: 'my draft', baseHash: textHash('base') });
		expect(session.active).toMatchObject({
			dirty: true,
			restoredDraft: 'changed-on-disk',
			changedOnDisk: true
		});
		expect(await session.save()).toBe(false);
		expect(asked).toEqual([{ path: 'a.ts', disk: 'changed by the agent', mine: 'my draft' }]);
		expect(await workspace.readText('a.ts')).toBe('changed by the agent');
	});

	it('restores a draft of a file that is gone as a tab that saving creates again', async () => {
		const { session, workspace } = setup({});
		await session.restoreDraft({ path: 'gone.ts', text: 'still here', baseHash: null });
		expect(session.active).toMatchObject({ dirty: true, deleted: true, status: 'text' });
		expect(await session.save('gone.ts')).toBe(true);
		expect(await workspace.readText('gone.ts')).toBe('still here');
	});
});

describe('saving over a file that changed on disk', () => {
	it('asks, and Cancel leaves the other change in place and the text unsaved', async () => {
		const { session, workspace, asked } = setup({ 'a.ts': 'base' }, 'cancel');
		await session.open('a.ts');
		type(session, 'a.ts', 'mine ');
		workspace.runtimeWrite('a.ts', 'agent edit');
		await workspace.settled();
		expect(await session.save()).toBe(false);
		expect(asked).toEqual([{ path: 'a.ts', disk: 'agent edit', mine: 'mine base' }]);
		expect(await workspace.readText('a.ts')).toBe('agent edit');
		expect(session.active).toMatchObject({ dirty: true, changedOnDisk: true });
	});

	it('asks even before the change event arrived, and Overwrite writes the buffer', async () => {
		const { session, workspace, asked } = setup({ 'a.ts': 'base' }, 'overwrite');
		await session.open('a.ts');
		type(session, 'a.ts', 'mine ');
		// Written behind the editor's back with no event yet (a watch that lags).
		workspace.files.set('a.ts', { content: 'agent edit', mtimeMs: 99 });
		expect(await session.save()).toBe(true);
		expect(asked).toHaveLength(1);
		expect(await workspace.readText('a.ts')).toBe('mine base');
		expect(session.active).toMatchObject({ dirty: false, changedOnDisk: false });
	});

	it('does not ask when nothing changed on disk', async () => {
		const { session, workspace, asked } = setup({ 'a.ts': 'base' });
		await session.open('a.ts');
		type(session, 'a.ts', 'x');
		expect(await session.save()).toBe(true);
		expect(asked).toEqual([]);
		expect(await workspace.readText('a.ts')).toBe('xbase');
	});
});

describe('read-only (another tab owns the project)', () => {
	it('refuses to save and blocks typing until editable again', async () => {
		const { session, workspace } = setup({ 'a.ts': 'base' });
		await session.open('a.ts');
		type(session, 'a.ts', 'x');
		session.setReadOnly(true);
		expect(session.readOnly).toBe(true);
		expect(session.getState('a.ts')!.readOnly).toBe(true);
		expect(await session.save()).toBe(false);
		expect(await workspace.readText('a.ts')).toBe('base');
		session.setReadOnly(false);
		expect(session.getState('a.ts')!.readOnly).toBe(false);
		expect(await session.save()).toBe(true);
		expect(await workspace.readText('a.ts')).toBe('xbase');
	});
});

describe('restoring a draft the file already holds', () => {
	it('removes the stored draft instead of showing an unsaved tab', async () => {
		const { session, stored, writer } = setup({ 'a.ts': 'same' });
		stored.set('a.ts', { text: 'same', baseHash: textHash('old') });
		await session.restoreDraft({ path: 'a.ts', text: 'same', baseHash: textHash('old') });
		await writer.flush();
		expect(session.active).toMatchObject({ dirty: false, restoredDraft: null });
		expect(stored.has('a.ts')).toBe(false);
	});
});
