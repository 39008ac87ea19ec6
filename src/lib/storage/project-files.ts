import { promisifyRequest, setMany } from 'idb-keyval';
import { normalizePath, timeSlices, yieldToPage } from '../runtime';
import { openStorage } from './migrations';
import { setAside } from './quarantine';
import {
	checkRecord,
	fileKeySchema,
	isWellFormedFileRecord,
	storedEntrySchema
} from './record-schemas';
import { getStores } from './stores';
import { dataBytes, entryBytes } from './byte-size';

export type FileData = string | Uint8Array;

/** What one key `[projectId, path]` of the files store holds. Folders are kept so empty ones survive. */
export type StoredEntry =
	| { readonly data: FileData; readonly mtimeMs: number; readonly dir?: undefined }
	| { readonly dir: true; readonly mtimeMs: number };

export interface ProjectSnapshot {
	/** path → content: text as strings, everything else as bytes */
	readonly files: Record<string, FileData>;
	/** Every stored folder, parents before children (empty folders included). */
	readonly dirs: string[];
	/** When each file (by path) was last written. */
	readonly mtimes: Record<string, number>;
	/**
	 * What the files take, in bytes (see dataBytes). Counted on first read, not while restoring:
	 * measuring 30 MB of text is a long task the project's opening need not wait for.
	 */
	readonly bytes: number;
}

/** A write or delete, applied in order with others in one transaction. */
export type FileOp =
	| {
			readonly op: 'putFile';
			readonly path: string;
			readonly data: FileData;
			readonly mtimeMs: number;
	  }
	| { readonly op: 'putDir'; readonly path: string; readonly mtimeMs: number }
	| { readonly op: 'deleteTree'; readonly path: string };

type FileKey = [string, string];

function fileKey(projectId: string, path: string): FileKey {
	return [projectId, normalizePath(path)];
}

/**
 * Keys of `path` and everything below it. Path strings sort so that `a/…` lies between `a/` and
 * `a0` ('0' follows '/'); the whole project lies between `[id]` and `[id, []]` (arrays sort after
 * strings in IndexedDB).
 */
function subtreeRanges(projectId: string, path: string): IDBKeyRange[] {
	const normal = normalizePath(path);
	if (normal === '') return [IDBKeyRange.bound([projectId], [projectId, []])];
	return [
		IDBKeyRange.only([projectId, normal]),
		IDBKeyRange.bound([projectId, normal + '/'], [projectId, normal + '0'], false, true)
	];
}

/**
 * A Uint8Array that is a view on part of a larger buffer (Node's Buffer pool, subarray) would be
 * stored with the whole buffer; a Buffer would come back as a plain Uint8Array anyway.
 */
export function storable(data: FileData): FileData {
	if (typeof data === 'string') return data;
	const plain =
		data.constructor === Uint8Array &&
		data.byteOffset === 0 &&
		data.byteLength === data.buffer.byteLength;
	return plain ? data : new Uint8Array(data);
}

/** Records per getAll when a project's files are read (~0.75 MB each for bench:storage's project). */
const SNAPSHOT_RUN = 50;

export async function loadProjectSnapshot(projectId: string): Promise<ProjectSnapshot> {
	await openStorage();
	const [keys, values] = await getStores().files('readonly', async (store) => {
		const [range] = subtreeRanges(projectId, '');
		// Keys first, then the values in runs of keys, one getAll per run, all in the same
		// transaction (so still one snapshot). Chromium hands back a getAll of a whole large project
		// (tens of MB in one answer) 2–3× slower than the values one by one; one get per key cost a
		// task of 50–80 ms just to ask for 2,000 of them. Runs are asked for at once and each
		// answer is its own task.
		const keys = await promisifyRequest(store.getAllKeys(range));
		const runs: Promise<unknown[]>[] = [];
		for (let start = 0; start < keys.length; start += SNAPSHOT_RUN) {
			const run = keys.slice(start, start + SNAPSHOT_RUN);
			runs.push(promisifyRequest(store.getAll(IDBKeyRange.bound(run[0]!, run.at(-1)!))));
		}
		const values = (await Promise.all(runs)).flat();
		// A read-only transaction sees no writes, so each run holds exactly its keys' values.
		if (values.length !== keys.length) {
			throw new Error(
				`The project's files changed while they were read (${keys.length} keys, ${values.length} values). Reload the page.`
			);
		}
		return [keys, values] as const;
	});
	const files: Record<string, FileData> = {};
	const dirs: string[] = [];
	const mtimes: Record<string, number> = {};
	// Checked in slices: 2,000 records were one task of tens of ms on top of the reads' own. Long
	// ones (25 ms), since every pause lets the page's other work in and so delays the files.
	const pause = timeSlices(25);
	for (const [index, key] of keys.entries()) {
		await pause();
		const value: unknown = values[index];
		// The cheap check passes nearly every record; zod sees only the rest, to accept or explain.
		if (!isWellFormedFileRecord(key, value)) {
			const checkedKey = checkRecord<FileKey>(fileKeySchema, key);
			const checked = checkedKey.ok
				? checkRecord<StoredEntry>(storedEntrySchema, value)
				: { ok: false as const, reason: `key ${checkedKey.reason}` };
			if (!checked.ok) {
				// One unreadable file must not keep the project from opening.
				await setAside({ kind: 'file', store: 'files', key, value, reason: checked.reason });
				continue;
			}
		}
		const path = (key as FileKey)[1];
		const entry = value as StoredEntry;
		if (entry.dir) dirs.push(path);
		else {
			files[path] = entry.data;
			mtimes[path] = entry.mtimeMs;
		}
	}
	// Whoever reads a project builds on it at once (an index, a runtime: ~40 ms for 2,000 files):
	// that starts in a task of its own, not in the one that took the last answer and checks.
	await yieldToPage();
	let bytes: number | undefined;
	return {
		files,
		dirs,
		mtimes,
		get bytes() {
			bytes ??= Object.values(files).reduce((sum, data) => sum + dataBytes(data), 0);
			return bytes;
		}
	};
}

export async function putFile(
	projectId: string,
	path: string,
	data: FileData,
	mtimeMs = Date.now()
): Promise<void> {
	await applyFileOps(projectId, [{ op: 'putFile', path, data, mtimeMs }]);
}

/** Writes many files in one transaction (all or none). */
export async function putFiles(
	projectId: string,
	files: Record<string, FileData>,
	mtimeMs = Date.now()
): Promise<void> {
	await openStorage();
	const entries: [IDBValidKey, StoredEntry][] = Object.entries(files).map(([path, data]) => [
		fileKey(projectId, path),
		{ data: storable(data), mtimeMs }
	]);
	if (entries.length > 0) await setMany(entries, getStores().files);
}

export async function putDir(projectId: string, path: string, mtimeMs = Date.now()): Promise<void> {
	await applyFileOps(projectId, [{ op: 'putDir', path, mtimeMs }]);
}

/** Deletes `path` and everything below it; `''` deletes all of the project's files. */
export async function deleteFiles(projectId: string, path: string): Promise<void> {
	await applyFileOps(projectId, [{ op: 'deleteTree', path }]);
}

/**
 * Applies puts and deletes in the given order, in one transaction. Resolves to how many bytes the
 * project's files grew (negative when they shrank), measured in the same transaction from what
 * each op replaces, so the project's size stays right without ever reading the whole project.
 */
export async function applyFileOps(projectId: string, ops: readonly FileOp[]): Promise<number> {
	if (ops.length === 0) return 0;
	await openStorage();
	// Normalise before opening the transaction: a bad path must not leave half a batch applied.
	const prepared = ops.map((op) => ({ ...op, path: normalizePath(op.path) }));
	let delta = 0;
	// Requests run in the order they are made, so each read sees the ops before it applied.
	const subtract = (request: IDBRequest) => {
		request.onsuccess = () => {
			const found: unknown = request.result;
			if (Array.isArray(found)) for (const value of found) delta -= entryBytes(value);
			else delta -= entryBytes(found);
		};
	};
	await getStores().files('readwrite', (store) => {
		for (const op of prepared) {
			switch (op.op) {
				case 'putFile': {
					const data = storable(op.data);
					subtract(store.get([projectId, op.path]));
					store.put({ data, mtimeMs: op.mtimeMs }, [projectId, op.path]);
					delta += dataBytes(data);
					break;
				}
				case 'putDir':
					if (op.path !== '') {
						subtract(store.get([projectId, op.path]));
						store.put({ dir: true, mtimeMs: op.mtimeMs }, [projectId, op.path]);
					}
					break;
				case 'deleteTree':
					for (const range of subtreeRanges(projectId, op.path)) {
						subtract(store.getAll(range));
						store.delete(range);
					}
					break;
			}
		}
		return promisifyRequest(store.transaction);
	});
	return delta;
}
