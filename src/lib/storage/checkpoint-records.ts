/**
 * The three records a checkpoint is made of, and reading them back checked. A blob holds one
 * file's content under its SHA-256; a manifest maps paths to blob hashes, either in full or as
 * the difference from its parent (so a one-file turn writes a one-entry manifest); the meta is
 * what lists show, and is written last: a checkpoint without its meta was never finished.
 */
import { get, getMany, promisifyRequest } from 'idb-keyval';
import type { CheckpointMeta } from './checkpoints';
import type { FileData } from './project-files';
import { setAside } from './quarantine';
import { timeSlices } from '../runtime';
import {
	checkManifestEntry,
	checkRecord,
	checkpointBlobSchema,
	checkpointManifestShapeSchema,
	checkpointMetaSchema,
	type CheckResult
} from './record-schemas';
import { getStores } from './stores';

export interface ManifestEntry {
	readonly hash: string;
	readonly size: number;
	/** The file's modification time when it was captured; -1 when the caller did not say. */
	readonly mtimeMs: number;
}

export interface StoredManifest {
	readonly projectId: string;
	/** The manifest this one lists the differences from; null for a full one. */
	readonly parent: string | null;
	/** Full: every file. Delta: the files added or changed since the parent. */
	readonly files: Readonly<Record<string, ManifestEntry>>;
	/** Delta only: files the parent had that are gone. */
	readonly removed?: readonly string[];
	/** Every folder (always in full: there are few). */
	readonly dirs: readonly string[];
}

export interface CheckpointBlob {
	readonly data: FileData;
}

/** The project's files as a manifest chain resolves: path → entry. */
export interface ResolvedManifest {
	readonly id: string;
	readonly files: Record<string, ManifestEntry>;
	readonly dirs: string[];
	/** How many deltas lie between this one and the full manifest below it. */
	readonly depth: number;
}

export type MetaKey = [string, string];

/** All of a project's metas lie between [id] and [id, []] (arrays sort after strings). */
export function projectRange(projectId: string): IDBKeyRange {
	return IDBKeyRange.bound([projectId], [projectId, []]);
}

/** The project's readable checkpoint metas, oldest first; bad ones are set aside. */
export async function readProjectMetas(projectId: string): Promise<CheckpointMeta[]> {
	const [keys, values] = await getStores().checkpoints('readonly', (store) =>
		Promise.all([
			promisifyRequest(store.getAllKeys(projectRange(projectId))),
			promisifyRequest(store.getAll(projectRange(projectId)))
		])
	);
	const metas: CheckpointMeta[] = [];
	for (const [index, key] of keys.entries()) {
		const meta = await checkedMeta(key, values[index]);
		if (meta) metas.push(meta);
	}
	return metas.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
}

export async function readMeta(
	projectId: string,
	checkpointId: string
): Promise<CheckpointMeta | undefined> {
	const key: MetaKey = [projectId, checkpointId];
	return checkedMeta(key, await get<unknown>(key, getStores().checkpoints));
}

async function checkedMeta(key: IDBValidKey, value: unknown): Promise<CheckpointMeta | undefined> {
	if (value === undefined) return undefined;
	const checked = checkRecord<CheckpointMeta>(checkpointMetaSchema, value);
	const [projectId, id] = Array.isArray(key) ? key : [];
	if (checked.ok && checked.value.projectId === projectId && checked.value.id === id) {
		return checked.value;
	}
	const reason = checked.ok ? 'id: does not match the key it is stored under' : checked.reason;
	await setAside({ kind: 'checkpoint', store: 'checkpoints', key, value, reason });
	return undefined;
}

/** A manifest as stored, checked; one that fails is set aside and reads as missing. */
export async function readManifest(id: string): Promise<StoredManifest | undefined> {
	const value = await get<unknown>(id, getStores().checkpointManifests);
	if (value === undefined) return undefined;
	const checked = await checkManifest(value);
	if (checked.ok) return checked.value;
	await setAside({
		kind: 'checkpoint',
		store: 'checkpointManifests',
		key: id,
		value,
		reason: checked.reason
	});
	return undefined;
}

/**
 * checkpointManifestSchema's check, the entries one at a time in time slices: the newest
 * manifest is read back as a turn's checkpoint is taken, and 2,000 entries at once were a long task.
 */
export async function checkManifest(
	value: unknown,
	pause: () => Promise<void> = timeSlices()
): Promise<CheckResult<StoredManifest>> {
	const shape = checkRecord<StoredManifest>(checkpointManifestShapeSchema, value);
	if (!shape.ok) return shape;
	for (const [path, entry] of Object.entries(shape.value.files)) {
		const checked = checkManifestEntry(path, entry);
		if (!checked.ok) return checked;
		await pause();
	}
	return shape;
}

/** Follows the parents down to a full manifest and applies the deltas on the way back up. */
export async function resolveManifest(id: string): Promise<ResolvedManifest> {
	const chain: StoredManifest[] = [];
	const seen = new Set<string>();
	let next: string | null = id;
	while (next !== null) {
		if (seen.has(next)) throw incomplete(`its file list refers to itself (${next})`);
		seen.add(next);
		const manifest = await readManifest(next);
		if (!manifest) throw incomplete(`part of its file list (${next}) is missing`);
		chain.push(manifest);
		next = manifest.parent;
	}
	const files: Record<string, ManifestEntry> = {};
	for (const manifest of chain.reverse()) {
		for (const path of manifest.removed ?? []) delete files[path];
		Object.assign(files, manifest.files);
	}
	return { id, files, dirs: [...chain.at(-1)!.dirs], depth: chain.length - 1 };
}

/** The content of each hash; throws when one is missing or unreadable (never half a checkpoint). */
export async function readBlobs(hashes: readonly string[]): Promise<Map<string, FileData>> {
	const store = getStores().checkpointBlobs;
	const values = await getMany<unknown>([...hashes], store);
	const found = new Map<string, FileData>();
	let missing = 0;
	for (const [index, hash] of hashes.entries()) {
		const value = values[index];
		const checked = checkRecord<CheckpointBlob>(checkpointBlobSchema, value);
		if (checked.ok) {
			found.set(hash, checked.value.data);
			continue;
		}
		missing++;
		if (value !== undefined) {
			await setAside({
				kind: 'checkpoint',
				store: 'checkpointBlobs',
				key: hash,
				value,
				reason: checked.reason
			});
		}
	}
	if (missing > 0) throw incomplete(`${missing} of its files could not be read`);
	return found;
}

function incomplete(why: string): Error {
	return new Error(
		`This checkpoint cannot be restored: ${why}. Your files were not changed; rewind to another turn instead.`
	);
}
