import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import {
	createProject,
	deleteProject,
	getProject,
	listProjects,
	loadProjectSnapshot,
	renameProject,
	touchProject
} from '../../../src/lib/storage';
import { freshIndexedDb } from './reset';

beforeEach(freshIndexedDb);

describe('projects', () => {
	it('creates a project with its files and reads it back', async () => {
		const project = await createProject({
			name: '  My site ',
			template: 'static-site',
			files: { 'index.html': '<h1>hi</h1>', 'img/dot.bin': new Uint8Array([0, 255]) }
		});
		expect(project.name).toBe('My site');
		expect(project.template).toBe('static-site');
		expect(await getProject(project.id)).toEqual(project);
		const files = (await loadProjectSnapshot(project.id)).files;
		expect(files['index.html']).toBe('<h1>hi</h1>');
		expect(files['img/dot.bin']).toBeInstanceOf(Uint8Array);
		expect(Array.from(files['img/dot.bin'] as Uint8Array)).toEqual([0, 255]);
	});

	it('names a project without a name', async () => {
		const project = await createProject({ name: '   ', template: 'blank', files: {} });
		expect(project.name).toBe('Untitled project');
	});

	it('lists projects most recently used first', async () => {
		const first = await createProject({ name: 'first', template: 'blank', files: {} });
		const second = await createProject({ name: 'second', template: 'blank', files: {} });
		await touchProject(second.id);
		await touchProject(first.id);
		expect((await listProjects()).map((p) => p.name)).toEqual(['first', 'second']);
		await touchProject(second.id);
		expect((await listProjects()).map((p) => p.name)).toEqual(['second', 'first']);
	});

	it('renames a project', async () => {
		const project = await createProject({ name: 'old', template: 'blank', files: {} });
		const renamed = await renameProject(project.id, 'new name');
		expect(renamed.name).toBe('new name');
		expect((await getProject(project.id))?.name).toBe('new name');
	});

	it('refuses to change a project that does not exist, saying what to do', async () => {
		await expect(renameProject('nope', 'x')).rejects.toThrow(/no longer exists.*project list/);
	});

	it('deletes a project and only its files', async () => {
		const doomed = await createProject({
			name: 'doomed',
			template: 'blank',
			files: { 'a.txt': 'a', 'src/b.txt': 'b' }
		});
		const kept = await createProject({ name: 'kept', template: 'blank', files: { 'a.txt': 'k' } });
		await deleteProject(doomed.id);
		expect(await getProject(doomed.id)).toBeUndefined();
		expect((await loadProjectSnapshot(doomed.id)).files).toEqual({});
		expect((await loadProjectSnapshot(kept.id)).files).toEqual({ 'a.txt': 'k' });
		expect((await listProjects()).map((p) => p.id)).toEqual([kept.id]);
	});
});
