import 'fake-indexeddb/auto';
import { set } from 'idb-keyval';
import { beforeEach, describe, expect, it } from 'vitest';
import {
	createProject,
	createSession,
	deleteProject,
	duplicateProject,
	getProject,
	listProjects,
	listSessions,
	loadProjectSnapshot,
	measureProjectBytes,
	putDraft,
	loadProjectDrafts,
	renameProject,
	runMigrations,
	migrations,
	touchProject,
	copyName
} from '../../../src/lib/storage';
import { getStores } from '../../../src/lib/storage/stores';
import { freshIndexedDb } from './reset';

beforeEach(freshIndexedDb);

const bytes = new Uint8Array([0, 1, 2, 3, 255]);

async function sample(name = 'site') {
	const project = await createProject({
		name,
		template: 'static-site',
		files: { 'index.html': '<p>é</p>', 'img/dot.bin': bytes },
		dirs: ['empty']
	});
	return project;
}

describe('renaming a project', () => {
	it('stores the new name and refuses an empty, multi-line or too long one', async () => {
		const project = await sample();
		expect((await renameProject(project.id, '  Portfolio  ')).name).toBe('Portfolio');
		expect((await getProject(project.id))?.name).toBe('Portfolio');
		await expect(renameProject(project.id, '   ')).rejects.toThrow(/Type a name/);
		await expect(renameProject(project.id, 'a\nb')).rejects.toThrow(/line breaks/);
		await expect(renameProject(project.id, 'x'.repeat(121))).rejects.toThrow(/at most 120/);
		expect((await getProject(project.id))?.name).toBe('Portfolio');
	});
});

describe('duplicating a project', () => {
	it('copies files, bytes and empty folders into "<name> copy", and nothing else', async () => {
		const original = await sample();
		await createSession(original.id, { provider: 'anthropic', model: 'm' });
		await putDraft({
			projectId: original.id,
			path: 'index.html',
			text: 'typing',
			baseHash: null,
			updatedAt: 1
		});
		const copy = await duplicateProject(original.id);
		expect(copy.id).not.toBe(original.id);
		expect(copy.name).toBe('site copy');
		expect(copy.template).toBe('static-site');
		const [a, b] = await Promise.all([
			loadProjectSnapshot(original.id),
			loadProjectSnapshot(copy.id)
		]);
		expect(b.files).toEqual(a.files);
		expect(Array.from(b.files['img/dot.bin'] as Uint8Array)).toEqual(Array.from(bytes));
		expect(b.dirs).toEqual(a.dirs);
		expect(b.dirs).toContain('empty');
		expect(copy.bytes).toBe(a.bytes);
		// Chats and drafts are the original's history; the copy starts fresh from its files.
		expect(await listSessions(copy.id)).toEqual([]);
		expect(await loadProjectDrafts(copy.id)).toEqual([]);
		expect(await listSessions(original.id)).toHaveLength(1);
		// The copy is opened last, so it is first in the list.
		expect((await listProjects())[0]?.id).toBe(copy.id);
	});

	it('keeps a long name within the limit', () => {
		expect(Array.from(copyName('n'.repeat(120))).length).toBe(120);
		expect(copyName('n'.repeat(120)).endsWith(' copy')).toBe(true);
	});

	it('says so when the project is gone', async () => {
		await expect(duplicateProject('nope')).rejects.toThrow(/no longer exists/);
	});

	it('leaves the original untouched when its copy is deleted', async () => {
		const original = await sample();
		const copy = await duplicateProject(original.id);
		await deleteProject(copy.id);
		expect((await loadProjectSnapshot(original.id)).files['index.html']).toBe('<p>é</p>');
		expect((await listProjects()).map((p) => p.id)).toEqual([original.id]);
	});
});

describe('the project list order and sizes', () => {
	it('sorts by last opened, not by last edited', async () => {
		const first = await sample('first');
		const second = await sample('second');
		await sample('third');
		expect((await listProjects()).map((p) => p.name)).toEqual(['third', 'second', 'first']);
		await touchProject(first.id);
		// Renaming is an edit, not an opening: the order stays.
		await renameProject(second.id, 'second renamed');
		expect((await listProjects()).map((p) => p.name)).toEqual(['first', 'third', 'second renamed']);
	});

	it('knows the size from creation, counting text as UTF-8', async () => {
		const project = await sample();
		// '<p>é</p>' is 9 bytes in UTF-8, the binary file 5.
		expect(project.bytes).toBe(14);
		expect((await loadProjectSnapshot(project.id)).bytes).toBe(14);
	});

	it('measures a project stored before sizes were kept, and stores the count', async () => {
		const project = await sample();
		const { bytes: _dropped, ...legacy } = project;
		void _dropped;
		await set(project.id, legacy, getStores().projects);
		expect((await getProject(project.id))?.bytes).toBeUndefined();
		expect(await measureProjectBytes(project.id)).toBe(14);
		expect((await getProject(project.id))?.bytes).toBe(14);
	});

	it('gives projects stored before schema 2 an openedAt (migration 2)', async () => {
		const project = await sample();
		const { openedAt: _dropped, ...legacy } = project;
		void _dropped;
		await set(project.id, { ...legacy, updatedAt: 42 }, getStores().projects);
		await set('schemaVersion', 1, getStores().meta);
		expect(await runMigrations(migrations)).toBe(2);
		expect((await getProject(project.id))?.openedAt).toBe(42);
	});
});
