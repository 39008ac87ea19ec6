import { afterEach, describe, expect, it, vi } from 'vitest';
import { language } from '@codemirror/language';
import { EditorView } from '@codemirror/view';
import { EditorSession } from '$lib/editor';
import { MemoryWorkspace } from './memory-workspace';

// An open tab's access (editable, or read-only because the file is huge or not UTF-8) follows
// the file when a command or the agent rewrites it, as if the file were opened afresh.

const LIMIT = 1000;
const sessions: EditorSession[] = [];

function setup(seed: Record<string, string | Uint8Array>) {
	const workspace = new MemoryWorkspace(seed);
	const session = new EditorSession(workspace, { colorScheme: 'dark', hugeFileBytes: LIMIT });
	sessions.push(session);
	return { workspace, session };
}

function notUtf8(text: string): Uint8Array {
	return new Uint8Array([...new TextEncoder().encode(text), 0xff]);
}

afterEach(() => {
	for (const session of sessions.splice(0)) session.dispose();
});

describe('EditorSession: a rewrite that changes how a file may be edited', () => {
	it('turns a clean tab read-only, without highlighting, when its file grows past the limit', async () => {
		const { workspace, session } = setup({ 'app.ts': 'const a = 1;\n' });
		await session.open('app.ts');
		expect(session.getState('app.ts')!.facet(language)).not.toBeNull();
		const big = 'x'.repeat(LIMIT + 1);
		workspace.runtimeWrite('app.ts', big);
		await workspace.settled();
		expect(session.getText('app.ts')).toBe(big);
		expect(session.active).toMatchObject({ readOnly: true, readOnlyReason: 'huge', dirty: false });
		const state = session.getState('app.ts')!;
		expect(state.readOnly).toBe(true);
		expect(state.facet(EditorView.editable)).toBe(false);
		expect(state.facet(language)).toBeNull();
	});

	it('makes a huge tab editable again, with highlighting, when its file shrinks', async () => {
		const { workspace, session } = setup({ 'app.ts': 'x'.repeat(LIMIT + 1) });
		await session.open('app.ts');
		expect(session.active?.readOnly).toBe(true);
		workspace.runtimeWrite('app.ts', 'const a = 1;\n');
		// Opening afresh loads the file's grammar too, after the change event has been handled.
		await vi.waitFor(() => expect(session.getText('app.ts')).toBe('const a = 1;\n'));
		expect(session.active).toMatchObject({ readOnly: false, readOnlyReason: undefined });
		expect(session.getState('app.ts')!.readOnly).toBe(false);
		expect(session.getState('app.ts')!.facet(language)).not.toBeNull();
	});

	it('turns a clean tab read-only when its file stops being UTF-8, and back when it is again', async () => {
		const { workspace, session } = setup({ 'notes.txt': 'plain\n' });
		await session.open('notes.txt');
		workspace.runtimeWrite('notes.txt', notUtf8('plain\n'));
		await workspace.settled();
		expect(session.active).toMatchObject({ readOnly: true, readOnlyReason: 'not-utf8' });
		expect(await session.save('notes.txt')).toBe(false);
		workspace.runtimeWrite('notes.txt', 'fixed\n');
		await workspace.settled();
		expect(session.getText('notes.txt')).toBe('fixed\n');
		expect(session.active).toMatchObject({ readOnly: false, readOnlyReason: undefined });
	});

	it('keeps a dirty tab’s text when its file grows past the limit; reloading shows it read-only', async () => {
		const { workspace, session } = setup({ 'app.ts': 'const a = 1;\n' });
		await session.open('app.ts');
		session.dispatch('app.ts', { changes: { from: 0, insert: '// mine\n' } });
		const big = 'x'.repeat(LIMIT + 1);
		workspace.runtimeWrite('app.ts', big);
		await workspace.settled();
		expect(session.getText('app.ts')).toBe('// mine\nconst a = 1;\n');
		expect(session.active).toMatchObject({ changedOnDisk: true, dirty: true });
		await session.reloadFromDisk('app.ts');
		expect(session.getText('app.ts')).toBe(big);
		expect(session.active).toMatchObject({
			readOnly: true,
			readOnlyReason: 'huge',
			dirty: false,
			changedOnDisk: false
		});
	});
});
