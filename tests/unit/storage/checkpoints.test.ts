import 'fake-indexeddb/auto';
import { get, keys, set } from 'idb-keyval';
import { beforeEach, describe, expect, it } from 'vitest';
import {
	collectCheckpointGarbage,
	copyCheckpoint,
	createCheckpoint,
	createProject,
	deleteProject,
	dismissSetAside,
	listCheckpoints,
	listQuarantined,
	loadCheckpoint,
	type FileData
} from '../../../src/lib/storage';
import { batchesOf } from '../../../src/lib/storage/checkpoints';
import { checkManifest } from '../../../src/lib/storage/checkpoint-records';
import { getStores } from '../../../src/lib/storage/stores';
import { freshIndexedDb } from './reset';

beforeEach(async () => {
	await freshIndexedDb();
	dismissSetAside();
});

/** A project-like set of files: `count` text files of about `size` bytes each, all different. */
function manyFiles(count: number, size: number): Record<string, string> {
	const files: Record<string, string> = {};
	for (let i = 0; i < count; i++) {
		files[`src/dir${i % 20}/file${i}.ts`] = `// file ${i}\n`.padEnd(size, `x${i}`);
	}
	return files;
}

function statsOf(files: Record<string, FileData>, mtimeMs: number) {
	return Object.fromEntries(
		Object.entries(files).map(([path, data]) => [
			path,
			{ size: new TextEncoder().encode(data as string).byteLength, mtimeMs }
		])
	);
}

describe('checkpoints', () => {
	it('loads back exactly the files, bytes and folders it was given', async () => {
		const bytes = new Uint8Array([0, 1, 2, 255]);
		const meta = await createCheckpoint('p1', {
			sessionId: 's1',
			reason: 'turn-start',
			turnIndex: 0,
			files: { 'a.txt': 'hello', 'img/logo.png': bytes, 'same.txt': 'hello' },
			dirs: ['img', 'empty'],
			skipped: [{ path: 'node_modules', reason: 'node_modules' }]
		});
		expect(meta).toMatchObject({ fileCount: 3, totalBytes: 14, newBytes: 9, turnIndex: 0 });
		const loaded = await loadCheckpoint(meta.id);
		expect(loaded?.files).toEqual({ 'a.txt': 'hello', 'img/logo.png': bytes, 'same.txt': 'hello' });
		expect(loaded?.dirs).toEqual(['empty', 'img']);
		expect(loaded?.meta.skipped).toEqual([{ path: 'node_modules', reason: 'node_modules' }]);
		// Two files with one content: one blob.
		expect(await keys(getStores().checkpointBlobs)).toHaveLength(2);
	});

	it('stores a checkpoint larger than one write batch whole, and counts its new bytes once', async () => {
		// Four 1.5 MB files and a few small ones: more than one 2 MB batch of blobs.
		const files: Record<string, FileData> = manyFiles(5, 100);
		for (let i = 0; i < 4; i++) files[`big${i}.txt`] = `big ${i}\n`.padEnd(1_500_000, String(i));
		files['bytes.bin'] = new Uint8Array(700_000).fill(7);
		const meta = await createCheckpoint('p1', {
			sessionId: 's1',
			reason: 'turn-start',
			files,
			stats: statsOf({ ...files, 'bytes.bin': 'x'.repeat(700_000) }, 1)
		});
		expect(meta.fileCount).toBe(10);
		expect(meta.newBytes).toBe(4 * 1_500_000 + 700_000 + 5 * 100);
		expect(meta.totalBytes).toBe(meta.newBytes);
		expect(await keys(getStores().checkpointBlobs)).toHaveLength(10);
		expect((await loadCheckpoint(meta.id))?.files).toEqual(files);
	});

	it('finds blobs already stored, past one run of key checks, and stores only what is new', async () => {
		const files = manyFiles(450, 50);
		await createCheckpoint('p1', { sessionId: 's1', reason: 'turn-start', files });
		const more = { ...files, 'new.txt': 'only this is new' };
		const meta = await createCheckpoint('p2', {
			sessionId: 's2',
			reason: 'turn-start',
			files: more
		});
		expect(meta.newBytes).toBe('only this is new'.length);
		expect(await keys(getStores().checkpointBlobs)).toHaveLength(451);
	});

	it('writes about the changed file only for a one-file change in a large project', async () => {
		const files = manyFiles(2000, 1000);
		const first = await createCheckpoint('p1', {
			sessionId: 's1',
			reason: 'turn-start',
			turnIndex: 0,
			files,
			stats: statsOf(files, 1)
		});
		expect(first.newBytes).toBe(first.totalBytes);
		const changedPath = 'src/dir7/file7.ts';
		const next = { ...files, [changedPath]: files[changedPath]!.replace('x7', 'y7') };
		const stats = { ...statsOf(files, 1), [changedPath]: { size: 1000, mtimeMs: 2 } };
		const second = await createCheckpoint('p1', {
			sessionId: 's1',
			reason: 'turn-end',
			turnIndex: 0,
			files: next,
			stats
		});
		expect(second.newBytes).toBe(1000);
		// The file list is a delta too: everything this checkpoint wrote is under 2x the file.
		expect(second.newBytes + (second.manifestBytes ?? Infinity)).toBeLessThan(2 * 1000);
		const loaded = await loadCheckpoint(second.id);
		expect(loaded?.files[changedPath]).toBe(next[changedPath]);
		expect(Object.keys(loaded!.files)).toHaveLength(2000);
		const older = await loadCheckpoint(first.id);
		expect(older?.files[changedPath]).toBe(files[changedPath]);
	});

	it('hashes a file again when its size or time changed, even at the same path', async () => {
		await createCheckpoint('p1', {
			sessionId: null,
			reason: 'turn-start',
			files: { 'a.txt': 'one' },
			stats: { 'a.txt': { size: 3, mtimeMs: 1 } }
		});
		const second = await createCheckpoint('p1', {
			sessionId: null,
			reason: 'turn-end',
			files: { 'a.txt': 'two' },
			stats: { 'a.txt': { size: 3, mtimeMs: 5 } }
		});
		expect((await loadCheckpoint(second.id))?.files).toEqual({ 'a.txt': 'two' });
	});

	it('records removed files in a delta', async () => {
		const files = manyFiles(10, 10);
		await createCheckpoint('p1', { sessionId: null, reason: 'turn-start', files });
		const { ['src/dir0/file0.ts']: _gone, ...rest } = files;
		const second = await createCheckpoint('p1', {
			sessionId: null,
			reason: 'turn-end',
			files: rest
		});
		expect(Object.keys((await loadCheckpoint(second.id))!.files).sort()).toEqual(
			Object.keys(rest).sort()
		);
	});

	it('lists a project’s checkpoints oldest first, by session when asked', async () => {
		const a = await createCheckpoint('p1', { sessionId: 's1', reason: 'turn-start', files: {} });
		const b = await createCheckpoint('p1', { sessionId: 's2', reason: 'turn-start', files: {} });
		await createCheckpoint('p2', { sessionId: 's1', reason: 'turn-start', files: {} });
		expect((await listCheckpoints('p1')).map((m) => m.id)).toEqual([a.id, b.id]);
		expect((await listCheckpoints('p1', 's2')).map((m) => m.id)).toEqual([b.id]);
	});

	it('copies a checkpoint into another session without writing its files again', async () => {
		const source = await createCheckpoint('p1', {
			sessionId: 's1',
			reason: 'turn-start',
			turnIndex: 3,
			files: { 'a.txt': 'a' }
		});
		const copy = await copyCheckpoint(source.id, 's2');
		expect(copy).toMatchObject({
			sessionId: 's2',
			turnIndex: 3,
			newBytes: 0,
			copiedFrom: source.id
		});
		expect((await loadCheckpoint(copy!.id))?.files).toEqual({ 'a.txt': 'a' });
	});

	it('sets aside a meta that fails validation and lists the rest', async () => {
		const good = await createCheckpoint('p1', { sessionId: null, reason: 'turn-start', files: {} });
		await set(['p1', 'zzz-bad'], { id: 'zzz-bad', projectId: 'p1' }, getStores().checkpoints);
		expect((await listCheckpoints('p1')).map((m) => m.id)).toEqual([good.id]);
		expect((await listQuarantined()).map((r) => r.kind)).toEqual(['checkpoint']);
	});

	it('sets aside a manifest with one bad entry, naming it: its checkpoint reads as missing', async () => {
		const meta = await createCheckpoint('p1', {
			sessionId: null,
			reason: 'turn-start',
			files: { 'a.txt': 'a', 'b.txt': 'b' }
		});
		const [id] = (await keys(getStores().checkpointManifests)) as string[];
		const manifest = await get<{ files: Record<string, object> }>(
			id!,
			getStores().checkpointManifests
		);
		manifest!.files['b.txt'] = { ...manifest!.files['b.txt'], hash: 'not a hash' };
		await set(id!, manifest, getStores().checkpointManifests);
		expect(await loadCheckpoint(meta.id)).toBeUndefined();
		const [record] = await listQuarantined();
		expect(record).toMatchObject({ kind: 'checkpoint', store: 'checkpointManifests' });
		expect(record!.reason).toMatch(/^files\.b\.txt\.hash: /);
	});

	it("checks a manifest's entries with a pause between each (2,000 at once were a long task)", async () => {
		const entry = { hash: 'a'.repeat(64), size: 1, mtimeMs: 1 };
		const files = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`f${i}.txt`, entry]));
		let pauses = 0;
		const checked = await checkManifest(
			{ projectId: 'p1', parent: null, dirs: [], files },
			async () => void pauses++
		);
		expect(checked.ok).toBe(true);
		expect(pauses).toBe(50);
	});

	it('refuses to load a checkpoint whose blob is missing rather than return part of it', async () => {
		const meta = await createCheckpoint('p1', {
			sessionId: null,
			reason: 'turn-start',
			files: { 'a.txt': 'a', 'b.txt': 'b' }
		});
		const [hash] = (await keys(getStores().checkpointBlobs)) as string[];
		await getStores().checkpointBlobs('readwrite', (store) => {
			store.delete(hash!);
			return Promise.resolve();
		});
		await expect(loadCheckpoint(meta.id)).rejects.toThrow(/cannot be restored.*not changed/);
	});
});

describe('deleting and collecting', () => {
	it('keeps blobs another project still holds when one project is deleted', async () => {
		const one = await createProject({ name: 'one', template: 'blank', files: {} });
		const two = await createProject({ name: 'two', template: 'blank', files: {} });
		await createCheckpoint(one.id, {
			sessionId: null,
			reason: 'turn-start',
			files: { 'shared.txt': 'shared', 'mine.txt': 'only one' }
		});
		const kept = await createCheckpoint(two.id, {
			sessionId: null,
			reason: 'turn-start',
			files: { 'shared.txt': 'shared' }
		});
		await deleteProject(one.id);
		expect(await listCheckpoints(one.id)).toEqual([]);
		expect(await keys(getStores().checkpointBlobs)).toHaveLength(1);
		expect(await keys(getStores().checkpointManifests)).toHaveLength(1);
		expect((await loadCheckpoint(kept.id))?.files).toEqual({ 'shared.txt': 'shared' });
	});

	it('never lists a checkpoint whose blobs are missing after a crash between the writes', async () => {
		const first = await createCheckpoint('p1', {
			sessionId: null,
			reason: 'turn-start',
			files: { 'a.txt': 'a' }
		});
		// Make every write after the blobs fail, as if the page closed right after them.
		const stores = getStores();
		const realManifests = stores.checkpointManifests;
		(stores as { checkpointManifests: typeof realManifests }).checkpointManifests = () =>
			Promise.reject(new Error('page closed'));
		await expect(
			createCheckpoint('p1', { sessionId: null, reason: 'turn-end', files: { 'a.txt': 'b' } })
		).rejects.toThrow('page closed');
		(stores as { checkpointManifests: typeof realManifests }).checkpointManifests = realManifests;

		const listed = await listCheckpoints('p1');
		expect(listed.map((m) => m.id)).toEqual([first.id]);
		for (const meta of listed) await expect(loadCheckpoint(meta.id)).resolves.toBeDefined();
		// The orphan blob ('b') is collected; the listed checkpoint's blob stays.
		expect(await collectCheckpointGarbage()).toEqual({ manifests: 0, blobs: 1 });
		expect((await loadCheckpoint(first.id))?.files).toEqual({ 'a.txt': 'a' });
	});

	it('collects a manifest whose meta was never written, but not a parent still in use', async () => {
		const base = await createCheckpoint('p1', {
			sessionId: null,
			reason: 'turn-start',
			files: manyFiles(10, 10)
		});
		const child = await copyCheckpoint(base.id, 's2');
		// The base's meta goes (set aside, say): its manifest still carries the copy.
		await getStores().checkpoints('readwrite', (store) => {
			store.delete(['p1', base.id]);
			return Promise.resolve();
		});
		await set(
			'orphan',
			{ projectId: 'p1', parent: null, files: {}, dirs: [] },
			getStores().checkpointManifests
		);
		expect(await collectCheckpointGarbage()).toEqual({ manifests: 1, blobs: 0 });
		expect(Object.keys((await loadCheckpoint(child!.id))!.files)).toHaveLength(10);
	});
});

describe('deleting a chat', () => {
	it('removes its checkpoints and the blobs only they held; other chats keep theirs', async () => {
		const { deleteSession } = await import('../../../src/lib/storage');
		const shared = { 'shared.txt': 'in both chats' };
		const gone = await createCheckpoint('p1', {
			sessionId: 's-gone',
			reason: 'turn-start',
			turnIndex: 0,
			files: { ...shared, 'only-gone.txt': 'only the deleted chat held this' }
		});
		const kept = await createCheckpoint('p1', {
			sessionId: 's-kept',
			reason: 'turn-start',
			turnIndex: 0,
			files: { ...shared, 'only-kept.txt': 'only the kept chat held this' }
		});
		expect(await keys(getStores().checkpointBlobs)).toHaveLength(3);

		await deleteSession('s-gone');

		expect(await listCheckpoints('p1', 's-gone')).toEqual([]);
		expect((await listCheckpoints('p1', 's-kept')).map((meta) => meta.id)).toEqual([kept.id]);
		expect(await loadCheckpoint(gone.id)).toBeUndefined();
		expect((await loadCheckpoint(kept.id))?.files).toEqual({
			...shared,
			'only-kept.txt': 'only the kept chat held this'
		});
		expect(await keys(getStores().checkpointBlobs)).toHaveLength(2);
	});
});

describe('batchesOf', () => {
	const size = (n: number) => n;

	it('cuts items into runs of at most the limit, in order', () => {
		expect(batchesOf([1, 2, 3, 4, 1], size, 5)).toEqual([[1, 2], [3], [4, 1]]);
		expect(batchesOf([2, 3, 5], size, 5)).toEqual([[2, 3], [5]]);
	});

	it('puts an item over the limit in a run of its own, and makes no empty run', () => {
		expect(batchesOf([9, 1, 1], size, 5)).toEqual([[9], [1, 1]]);
		expect(batchesOf([1, 9], size, 5)).toEqual([[1], [9]]);
		expect(batchesOf([], size, 5)).toEqual([]);
	});
});
