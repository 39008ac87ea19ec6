import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { applyFileOps, createProject } from '$lib/storage';
import { guardedWorkspace, ownedPersistence, takeInStoredPaths } from '$lib/state/tab-sync';
import type { WorkspacePersistence } from '$lib/workspace/types';
import { MemoryWorkspace } from '../editor/memory-workspace';
import { freshIndexedDb } from '../storage/reset';

beforeEach(freshIndexedDb);

describe('ownedPersistence', () => {
	it('stores and then announces while the owner, and stores nothing while read-only', async () => {
		const calls: string[] = [];
		const inner: WorkspacePersistence = {
			putFile: async (path) => void calls.push(`put ${path}`),
			putDir: async (path) => void calls.push(`dir ${path}`),
			deleteTree: async (path) => void calls.push(`del ${path}`)
		};
		let owner = true;
		const persistence = ownedPersistence(inner, {
			isOwner: () => owner,
			onStored: (path) => calls.push(`announce ${path}`)
		});
		await persistence.putFile('a.txt', 'x', 1);
		await persistence.deleteTree('old');
		owner = false;
		await persistence.putFile('b.txt', 'y', 2);
		expect(calls).toEqual(['put a.txt', 'announce a.txt', 'del old', 'announce old']);
	});

	it('announces nothing when the write failed', async () => {
		const announced: string[] = [];
		const persistence = ownedPersistence(
			{
				putFile: () => Promise.reject(new Error('quota')),
				putDir: async () => {},
				deleteTree: async () => {}
			},
			{ isOwner: () => true, onStored: (path) => announced.push(path) }
		);
		await expect(persistence.putFile('a.txt', 'x', 1)).rejects.toThrow('quota');
		expect(announced).toEqual([]);
	});
});

describe('takeInStoredPaths', () => {
	it('brings what storage holds into the workspace: changed, new, removed, folders', async () => {
		const { id } = await createProject({ name: 'p', template: 'blank', files: {} });
		const workspace = new MemoryWorkspace({ 'a.txt': 'old', 'gone.txt': 'bye', 'same.txt': 's' });
		await applyFileOps(id, [
			{ op: 'putFile', path: 'a.txt', data: 'saved in the other tab', mtimeMs: 1 },
			{ op: 'putFile', path: 'new/b.txt', data: 'new', mtimeMs: 1 },
			{ op: 'putFile', path: 'same.txt', data: 's', mtimeMs: 1 },
			{ op: 'putDir', path: 'empty', mtimeMs: 1 }
		]);
		const changed: string[] = [];
		workspace.subscribe((changes) => changed.push(...changes.map((c) => `${c.type} ${c.path}`)));
		await takeInStoredPaths(workspace, id, ['a.txt', 'new/b.txt', 'gone.txt', 'same.txt', 'empty']);
		expect(await workspace.readText('a.txt')).toBe('saved in the other tab');
		expect(await workspace.readText('new/b.txt')).toBe('new');
		expect(workspace.exists('gone.txt')).toBe(false);
		expect(workspace.isDirectory('empty')).toBe(true);
		// Nothing is written for a file that already holds the stored text.
		expect(changed.some((change) => change.endsWith('same.txt'))).toBe(false);
	});
});

describe('guardedWorkspace', () => {
	it('refuses writes with a reason while read-only and passes reads through', async () => {
		const workspace = new MemoryWorkspace({ 'a.txt': 'a' });
		let readOnly = true;
		const guarded = guardedWorkspace(workspace, () => readOnly);
		await expect(guarded.writeFile('a.txt', 'b')).rejects.toThrow(/open in another tab/);
		await expect(guarded.remove('a.txt')).rejects.toThrow(/Take over/);
		expect(await guarded.readText('a.txt')).toBe('a');
		readOnly = false;
		await guarded.writeFile('a.txt', 'b');
		expect(await workspace.readText('a.txt')).toBe('b');
	});
});
