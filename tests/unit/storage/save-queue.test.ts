import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import {
	applyFileOps,
	createProject,
	deleteProject,
	getProject,
	loadProjectSnapshot,
	projectPersistence,
	type FileOp,
	type SaveQueueState
} from '../../../src/lib/storage';
import { freshIndexedDb } from './reset';

beforeEach(freshIndexedDb);

function quotaError(): DOMException {
	return new DOMException('The quota has been exceeded.', 'QuotaExceededError');
}

/** Real storage behind a door that throws QuotaExceededError for the first `failures` commits. */
function failingStore(failures: number) {
	const batches: string[][] = [];
	let left = failures;
	const apply = async (projectId: string, ops: readonly FileOp[]) => {
		batches.push(ops.map((op) => `${op.op} ${op.path}`));
		if (left > 0) {
			left--;
			throw quotaError();
		}
		return applyFileOps(projectId, ops);
	};
	return { apply, batches };
}

/** Resolves with the first state `test` accepts. */
function stateWhere(
	persistence: { subscribe(l: (s: SaveQueueState) => void): () => void },
	test: (state: SaveQueueState) => boolean
): Promise<SaveQueueState> {
	return new Promise((resolve) => {
		const stop = persistence.subscribe((state) => {
			if (!test(state)) return;
			stop();
			resolve(state);
		});
	});
}

async function newProject(files: Record<string, string> = {}) {
	return (await createProject({ name: 'p', template: 'blank', files })).id;
}

describe('projectPersistence when storage fails', () => {
	it('keeps a failed batch, retries it, and lands every write in order', async () => {
		const id = await newProject({ 'old.txt': 'old' });
		const store = failingStore(3);
		const persistence = projectPersistence(id, { apply: store.apply, retryDelayMs: () => 1 });
		const failing = stateWhere(persistence, (state) => state.error !== null);
		const first = [
			persistence.putDir('src'),
			persistence.putFile('src/a.ts', 'a1', 1),
			persistence.deleteTree('old.txt')
		];
		const state = await failing;
		expect(state.error?.message).toMatch(/storage is full/);
		expect(state.pending).toBe(3);
		expect(state.retryAt).not.toBeNull();
		// Made while failing: they wait behind the failed batch.
		const later = [persistence.putFile('src/b.ts', 'b', 2), persistence.deleteTree('src/a.ts')];
		await Promise.all([...first, ...later]);

		expect(persistence.state).toEqual({ pending: 0, error: null, retryAt: null });
		const snapshot = await loadProjectSnapshot(id);
		expect(snapshot.files).toEqual({ 'src/b.ts': 'b' });
		expect(snapshot.dirs).toEqual(['src']);
		// Every write was tried in the order it was made, the failed ones first.
		expect(store.batches.at(-1)).toEqual([
			'putDir src',
			'putFile src/a.ts',
			'deleteTree old.txt',
			'putFile src/b.ts',
			'deleteTree src/a.ts'
		]);
		expect(store.batches[0]).toEqual(['putDir src', 'putFile src/a.ts', 'deleteTree old.txt']);
		expect(store.batches.length).toBe(4);
	});

	it('coalesces repeated writes of one path while waiting, and resolves each of them', async () => {
		const id = await newProject();
		const store = failingStore(1);
		const persistence = projectPersistence(id, {
			apply: store.apply,
			// Never retries on its own: only "Retry now" does.
			retryDelayMs: () => 60_000
		});
		const failing = stateWhere(persistence, (state) => state.error !== null);
		const writes = [persistence.putFile('a.txt', 'v1', 1)];
		await failing;
		writes.push(persistence.putFile('a.txt', 'v2', 2), persistence.putFile('b.txt', 'b', 2));
		writes.push(persistence.putFile('a.txt', 'v3', 3));
		// v1 (the failed write) and v2 are replaced by v3: only the newest content is written.
		expect(persistence.state.pending).toBe(2);
		persistence.retryNow();
		await Promise.all(writes);
		expect(store.batches.at(-1)).toEqual(['putFile b.txt', 'putFile a.txt']);
		expect((await loadProjectSnapshot(id)).files).toEqual({ 'a.txt': 'v3', 'b.txt': 'b' });
	});

	it('gives up the writes of a project deleted meanwhile, saying so', async () => {
		const id = await newProject();
		const store = failingStore(1);
		const persistence = projectPersistence(id, { apply: store.apply, retryDelayMs: () => 60_000 });
		await deleteProject(id);
		await expect(persistence.putFile('a.txt', 'a', 1)).rejects.toThrow(/project was deleted/);
		expect(persistence.state.pending).toBe(0);
		expect(await getProject(id)).toBeUndefined();
		expect((await loadProjectSnapshot(id)).files).toEqual({});
	});

	it('keeps the project size right through writes, overwrites and deletes', async () => {
		const id = await newProject({ 'a.txt': 'aaaa' });
		expect((await getProject(id))?.bytes).toBe(4);
		const persistence = projectPersistence(id);
		await persistence.putFile('b.bin', new Uint8Array(10), 1);
		await persistence.putFile('a.txt', 'é', 1);
		await persistence.putFile('dir/c.txt', 'ccc', 1);
		await persistence.deleteTree('dir');
		// The size is written after the commit; wait for the meta to catch up.
		await expect.poll(async () => (await getProject(id))?.bytes).toBe(12);
		expect((await loadProjectSnapshot(id)).bytes).toBe(12);
	});
});
