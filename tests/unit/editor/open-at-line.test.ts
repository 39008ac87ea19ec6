import { afterEach, describe, expect, it } from 'vitest';
import { EditorSession } from '$lib/editor';
import { MemoryWorkspace } from './memory-workspace';

const sessions: EditorSession[] = [];
afterEach(() => {
	for (const session of sessions.splice(0)) session.dispose();
});

function setup(seed: Record<string, string>) {
	const session = new EditorSession(new MemoryWorkspace(seed), { colorScheme: 'dark' });
	sessions.push(session);
	return session;
}

const TEXT = 'line one\nline two\n  boom();\nline four\n';

describe('EditorSession: opening a file at a line (Console source links)', () => {
	it('puts the cursor on the line and column asked for', async () => {
		const session = setup({ 'src/app.js': TEXT });
		await session.open('src/app.js', { at: { line: 3, column: 3 } });
		const state = session.getState('src/app.js')!;
		const head = state.selection.main.head;
		expect(state.doc.lineAt(head).number).toBe(3);
		expect(state.doc.sliceString(head, head + 4)).toBe('boom');
	});

	it('moves the cursor in a file that is open already', async () => {
		const session = setup({ 'a.js': TEXT, 'b.js': 'b' });
		await session.open('a.js');
		await session.open('b.js');
		await session.open('a.js', { at: { line: 4 } });
		expect(session.activePath).toBe('a.js');
		const state = session.getState('a.js')!;
		expect(state.doc.lineAt(state.selection.main.head).number).toBe(4);
		expect(state.selection.main.head).toBe(state.doc.line(4).from);
	});

	it('clamps a line past the end (a stack from an older version of the file)', async () => {
		const session = setup({ 'a.js': TEXT });
		await session.open('a.js', { at: { line: 99, column: 50 } });
		const state = session.getState('a.js')!;
		expect(state.selection.main.head).toBe(state.doc.length);
	});
});
