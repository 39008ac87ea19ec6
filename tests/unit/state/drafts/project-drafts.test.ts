import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { EditorSession } from '../../../../src/lib/editor';
import { ProjectDrafts } from '../../../../src/lib/state/drafts';
import { putDraft } from '../../../../src/lib/storage';
import { MemoryWorkspace } from '../../editor/memory-workspace';
import { freshIndexedDb } from '../../storage/reset';

beforeEach(freshIndexedDb);

describe('drafts brought back into an editor that loads on demand', () => {
	it('does not ask for the editor when there is nothing to restore', async () => {
		const drafts = new ProjectDrafts('p1');
		let asked = 0;
		await drafts.restore(async () => {
			asked++;
			return null;
		});
		expect(asked).toBe(0);
		expect(drafts.notice).toBeNull();
	});

	it('loads the editor for a stored draft and opens it unsaved', async () => {
		await putDraft({ projectId: 'p1', path: 'a.txt', text: 'typed', baseHash: null, updatedAt: 1 });
		const drafts = new ProjectDrafts('p1');
		const workspace = new MemoryWorkspace({ 'a.txt': 'on disk' });
		const editor = new EditorSession(workspace);
		await drafts.restore(async () => editor);
		expect(editor.getText('a.txt')).toBe('typed');
		expect(editor.file('a.txt')?.dirty).toBe(true);
	});

	it('hands over without an editor: nothing typed here, drafts paused', async () => {
		const drafts = new ProjectDrafts('p1');
		const hooks = drafts.ownershipHooks(
			{ current: () => null, load: async () => null },
			{ stopAgent: () => {}, stop: () => false }
		);
		await hooks.beforeHandOver();
		expect(drafts.writer.paused).toBe(true);
		await hooks.onOwner();
		expect(drafts.writer.paused).toBe(false);
	});
});
