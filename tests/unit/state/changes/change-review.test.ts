import { afterEach, describe, expect, it } from 'vitest';
import { EditorSession } from '$lib/editor';
import { createBrowserRuntime } from '$lib/runtime/browser';
import { ChangeReview } from '$lib/state/changes';
import { guardedWorkspace } from '$lib/state/tab-sync';
import { openWorkspace, type Workspace } from '$lib/workspace';
import { SnapshotSource } from '../../../fakes/snapshot-change-source';

const opened: Workspace[] = [];
const editors: EditorSession[] = [];

afterEach(async () => {
	for (const editor of editors.splice(0)) editor.dispose();
	for (const workspace of opened.splice(0)) {
		workspace.dispose();
		await workspace.runtime.dispose();
	}
});

/** Bytes that are not UTF-8 (a PNG header and 0xff): a revert must bring back exactly these. */
const LOGO = new Uint8Array([
	0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0xfe, 0x7f
]);

async function setup(
	options: { unsaved?: (path: string) => boolean; readOnly?: () => boolean } = {}
) {
	const runtime = await createBrowserRuntime({
		files: {
			'README.md': '# Title\n',
			'src/app.ts': 'export const a = 1;\n',
			'old/notes.txt': 'keep me\n'
		}
	});
	await runtime.fs.writeFile('logo.png', LOGO);
	const workspace = await openWorkspace({ projectId: 'changes', runtime });
	opened.push(workspace);
	const source = new SnapshotSource(workspace);
	const review = new ChangeReview({
		source,
		workspace: guardedWorkspace(workspace, options.readOnly ?? (() => false)),
		hasUnsavedText: options.unsaved
	});
	return { workspace, source, review };
}

/** One agent turn: edits the app, adds a file, deletes one, rewrites the logo's bytes. */
async function agentTurn(workspace: Workspace, source: SnapshotSource) {
	await source.startTurn('Make it better');
	await workspace.writeFile('src/app.ts', 'export const a = 2;\nexport const b = 3;\n');
	await workspace.writeFile('src/new.ts', 'export {};\n');
	await workspace.remove('old/notes.txt');
	await workspace.writeFile('logo.png', new Uint8Array([1, 2, 3]));
	await source.endTurn();
}

const summary = (review: ChangeReview) => review.files.map((f) => `${f.status} ${f.path}`);

describe('ChangeReview', () => {
	it('lists what a turn changed, offers each turn and the whole session, and marks the tree', async () => {
		const { workspace, source, review } = await setup();
		await agentTurn(workspace, source);
		await source.startTurn('Turn 2');
		await workspace.writeFile('README.md', '# Better title\n');
		await source.endTurn();

		await review.refresh();
		expect(review.scopes.map((s) => s.label)).toEqual([
			'Whole session',
			'Turn 1: Make it better',
			'Turn 2'
		]);
		// The newest turn is shown until the person picks another scope.
		expect(summary(review)).toEqual(['modified README.md']);
		expect(review.selected?.path).toBe('README.md');

		review.pickScope('turn-0');
		await review.refresh();
		expect(summary(review)).toEqual([
			'modified logo.png',
			'deleted old/notes.txt',
			'modified src/app.ts',
			'added src/new.ts'
		]);
		review.pickScope('session');
		await review.refresh();
		expect(summary(review)).toHaveLength(5);
		// Deleted files have no row in the tree, so no mark.
		expect([...review.sessionChanges]).toEqual([
			['README.md', 'modified'],
			['logo.png', 'modified'],
			['src/app.ts', 'modified'],
			['src/new.ts', 'added']
		]);
	});

	it('reverts to the exact bytes, removes an added file and recreates a deleted one', async () => {
		const { workspace, source, review } = await setup();
		await agentTurn(workspace, source);
		await review.refresh();

		await review.askRevert('logo.png');
		expect(await workspace.readBytes('logo.png')).toEqual(LOGO);
		expect(review.revertMessage).toEqual({ tone: 'info', text: 'Reverted logo.png.' });
		// The turn did change it, so it stays listed, marked as back to how it was.
		expect(summary(review)).toContain('modified logo.png');
		expect([...review.reverted]).toEqual(['logo.png']);

		await review.askRevert('src/new.ts');
		expect(workspace.exists('src/new.ts')).toBe(false);

		await review.askRevert('old/notes.txt');
		expect(await workspace.readText('old/notes.txt')).toBe('keep me\n');

		await review.askRevert('src/app.ts');
		expect(await workspace.readText('src/app.ts')).toBe('export const a = 1;\n');
		expect(review.reverted.size).toBe(4);
		expect(review.sessionChanges.size).toBe(0);
		review.pickScope('session');
		await review.refresh();
		expect(review.files).toEqual([]);
	});

	it('reverts all only after the person confirms', async () => {
		const { workspace, source, review } = await setup();
		await agentTurn(workspace, source);
		await review.refresh();

		review.askRevertAll();
		expect(review.pending).toEqual({
			all: true,
			paths: ['logo.png', 'old/notes.txt', 'src/app.ts', 'src/new.ts'],
			unsaved: []
		});
		review.cancelRevert();
		expect(review.pending).toBeNull();
		expect(await workspace.readText('src/app.ts')).toContain('b = 3');

		review.askRevertAll();
		await review.confirmRevert();
		expect(await workspace.readBytes('logo.png')).toEqual(LOGO);
		expect(await workspace.readText('src/app.ts')).toBe('export const a = 1;\n');
		expect(await workspace.readText('old/notes.txt')).toBe('keep me\n');
		expect(workspace.exists('src/new.ts')).toBe(false);
		expect(review.revertMessage?.text).toBe('Reverted 4 files.');
		expect(review.reverted.size).toBe(4);
		// Nothing is left to revert: no second question.
		review.askRevertAll();
		expect(review.pending).toBeNull();
	});

	it('asks before reverting a file with unsaved editor text, and the editor keeps that text', async () => {
		let editor: EditorSession | null = null;
		const { workspace, source, review } = await setup({
			unsaved: (path) => editor?.files.some((f) => f.path === path && f.dirty) ?? false
		});
		await agentTurn(workspace, source);
		editor = new EditorSession(workspace, { colorScheme: 'dark' });
		editors.push(editor);
		await editor.open('src/app.ts');
		editor.dispatch('src/app.ts', {
			changes: { from: 0, insert: '// typed by the person\n' },
			userEvent: 'input.type'
		});
		await review.refresh();

		await review.askRevert('src/app.ts');
		// Not reverted yet: the person is asked first.
		expect(review.pending).toEqual({ all: false, paths: ['src/app.ts'], unsaved: ['src/app.ts'] });
		expect(await workspace.readText('src/app.ts')).toContain('b = 3');

		await review.confirmRevert();
		expect(await workspace.readText('src/app.ts')).toBe('export const a = 1;\n');
		const tab = editor.file('src/app.ts');
		await expect.poll(() => tab?.changedOnDisk).toBe(true);
		expect(tab?.dirty).toBe(true);
		expect(editor.getText('src/app.ts')).toBe(
			'// typed by the person\nexport const a = 2;\nexport const b = 3;\n'
		);
	});

	it('says what failed and what to do when the changes cannot be read or a file cannot be written', async () => {
		let readOnly = false;
		const { workspace, source, review } = await setup({ readOnly: () => readOnly });
		await agentTurn(workspace, source);
		source.failure = new Error('the checkpoint store is unavailable');
		await review.refresh();
		expect(review.error).toBe(
			'The changes could not be read: the checkpoint store is unavailable. Press Refresh to try again; your files are untouched.'
		);
		source.failure = null;
		await review.refresh();
		expect(review.error).toBeNull();

		readOnly = true;
		review.askRevertAll();
		await review.confirmRevert();
		expect(review.revertMessage?.tone).toBe('error');
		expect(review.revertMessage?.text).toMatch(
			/^Reverted 0 of 4 files\. Could not revert logo\.png \(/
		);
		expect(summary(review)).toHaveLength(4);
	});

	it('reads the changes again when a turn ends or another chat is shown', async () => {
		const { workspace, source, review } = await setup();
		review.follow({ running: false, sessionId: null });
		review.follow({ running: true, sessionId: 's1' });
		await agentTurn(workspace, source);
		expect(review.files).toEqual([]);
		review.follow({ running: false, sessionId: 's1' });
		await expect.poll(() => review.files.length).toBe(4);
		source.turnList = [];
		review.follow({ running: false, sessionId: 's2' });
		await expect.poll(() => review.files.length).toBe(0);
	});
});
