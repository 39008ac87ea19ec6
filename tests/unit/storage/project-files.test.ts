import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import {
	applyFileOps,
	createProject,
	deleteFiles,
	loadProjectSnapshot,
	projectPersistence,
	putDir,
	putFile
} from '../../../src/lib/storage';
import { freshIndexedDb } from './reset';

beforeEach(freshIndexedDb);

async function newProject(files: Record<string, string | Uint8Array> = {}) {
	return (await createProject({ name: 'p', template: 'blank', files })).id;
}

describe('project files', () => {
	it('round-trips text, bytes and empty folders', async () => {
		const id = await newProject();
		const bytes = new Uint8Array([0, 1, 2, 250, 255]);
		await putFile(id, 'src/main.ts', 'console.log("é")');
		await putFile(id, './assets/logo.png', bytes);
		await putDir(id, 'empty/inner');
		const snapshot = await loadProjectSnapshot(id);
		expect(snapshot.files).toEqual({ 'src/main.ts': 'console.log("é")', 'assets/logo.png': bytes });
		expect(snapshot.dirs).toEqual(['empty/inner']);
	});

	it('reads a project of many files whole, in order, and none of its neighbours', async () => {
		// Read in runs of 50 records: 245 files and folders span five runs, the last one short.
		const files: Record<string, string | Uint8Array> = {};
		for (let i = 0; i < 235; i++) {
			const path = `src/m${i % 7}/file-${String(i).padStart(3, '0')}.ts`;
			files[path] = i % 50 === 0 ? new Uint8Array([i, 0, 255]) : `export const n = ${i};\n`;
		}
		const id = await newProject(files);
		for (let i = 0; i < 10; i++) await putDir(id, `empty-${i}`);
		const before = await newProject({ 'a.txt': 'another project' });
		const after = await newProject({ 'z.txt': 'and another' });
		const snapshot = await loadProjectSnapshot(id);
		expect(snapshot.files).toEqual(files);
		expect(snapshot.dirs.sort()).toEqual(Array.from({ length: 10 }, (_, i) => `empty-${i}`));
		expect(Object.keys((await loadProjectSnapshot(before)).files)).toEqual(['a.txt']);
		expect(Object.keys((await loadProjectSnapshot(after)).files)).toEqual(['z.txt']);
	});

	it('stores only the viewed part of a Uint8Array', async () => {
		const id = await newProject();
		const big = new Uint8Array([9, 9, 1, 2, 3, 9]);
		await putFile(id, 'part.bin', big.subarray(2, 5));
		const stored = (await loadProjectSnapshot(id)).files['part.bin'] as Uint8Array;
		expect(Array.from(stored)).toEqual([1, 2, 3]);
		expect(stored.buffer.byteLength).toBe(3);
	});

	it('deletes a folder with everything below it, and nothing that merely shares its prefix', async () => {
		const id = await newProject({
			'src/a.ts': 'a',
			'src/deep/b.ts': 'b',
			'src-other/c.ts': 'c',
			'src.txt': 'd',
			srcfile: 'e'
		});
		await putDir(id, 'src/empty');
		await deleteFiles(id, 'src');
		const snapshot = await loadProjectSnapshot(id);
		expect(Object.keys(snapshot.files).sort()).toEqual(['src-other/c.ts', 'src.txt', 'srcfile']);
		expect(snapshot.dirs).toEqual([]);
	});

	it('deletes a single file', async () => {
		const id = await newProject({ 'a.txt': 'a', 'b.txt': 'b' });
		await deleteFiles(id, 'a.txt');
		expect((await loadProjectSnapshot(id)).files).toEqual({ 'b.txt': 'b' });
	});

	it('applies a batch of operations in order', async () => {
		const id = await newProject({ 'keep.txt': 'k' });
		await applyFileOps(id, [
			{ op: 'putFile', path: 'dir/a.txt', data: 'first', mtimeMs: 1 },
			{ op: 'deleteTree', path: 'dir' },
			{ op: 'putFile', path: 'dir/a.txt', data: 'second', mtimeMs: 2 },
			{ op: 'putDir', path: 'dir/empty', mtimeMs: 2 }
		]);
		const snapshot = await loadProjectSnapshot(id);
		expect(snapshot.files).toEqual({ 'keep.txt': 'k', 'dir/a.txt': 'second' });
		expect(snapshot.dirs).toEqual(['dir/empty']);
	});

	it('keeps projects apart', async () => {
		const one = await newProject({ 'a.txt': 'one' });
		const two = await newProject({ 'a.txt': 'two' });
		await deleteFiles(one, '');
		expect((await loadProjectSnapshot(one)).files).toEqual({});
		expect((await loadProjectSnapshot(two)).files).toEqual({ 'a.txt': 'two' });
	});
});

describe('projectPersistence', () => {
	it('writes calls made together in order, and each call resolves once stored', async () => {
		const id = await newProject();
		const persistence = projectPersistence(id);
		await Promise.all([
			persistence.putDir('src'),
			persistence.putFile('src/a.ts', 'a', 5),
			persistence.putFile('src/b.ts', new Uint8Array([1]), 5),
			persistence.deleteTree('src/a.ts'),
			persistence.putDir('empty')
		]);
		const snapshot = await loadProjectSnapshot(id);
		expect(snapshot.files).toEqual({ 'src/b.ts': new Uint8Array([1]) });
		expect(snapshot.dirs).toEqual(['empty', 'src']);
	});

	it('refuses a path outside the project at once, and still stores the writes around it', async () => {
		const id = await newProject();
		const persistence = projectPersistence(id);
		const good = persistence.putFile('ok.txt', 'ok', 1);
		const bad = persistence.putFile('../outside.txt', 'x', 1);
		await expect(bad).rejects.toThrow(/Could not save “\.\.\/outside\.txt”.*inside the project/);
		await good;
		expect((await loadProjectSnapshot(id)).files).toEqual({ 'ok.txt': 'ok' });
	});
});
