/**
 * Checkpoints: the project's files at a moment (before each user turn, after it, before a
 * rewind), stored content-addressed: a blob is kept once however many checkpoints hold it, so a
 * turn that changes one file costs about that file.
 *
 * CONTRACT (issue 8): the signatures below are shared by the rewind, the "Changes" review, the
 * storage benchmark and the crash-safety suite.
 *
 * Written in the order that keeps a crash harmless: blobs, then the manifest, then the meta. A
 * listed checkpoint (one with a meta) therefore never refers to a missing blob; what a crash
 * leaves half-written is collected by collectCheckpointGarbage (checkpoint-gc.ts).
 */
import { promisifyRequest, set } from 'idb-keyval';
import { normalizePath, timeSlices } from '../runtime';
import { bytesOf, sha256HexOfBytes } from './checkpoint-hash';
import { deleteCheckpointRecords } from './checkpoint-gc';
import { withCheckpointLock } from './checkpoint-lock';
import {
	readBlobs,
	readManifest,
	readMeta,
	readProjectMetas,
	resolveManifest,
	type ManifestEntry,
	type MetaKey,
	type ResolvedManifest,
	type StoredManifest
} from './checkpoint-records';
import { openStorage } from './migrations';
import { storable, type FileData } from './project-files';
import { getStores } from './stores';

export type CheckpointReason = 'turn-start' | 'turn-end' | 'before-rewind';

/** What a checkpoint left out, and why (said to the person, never silently). */
export interface CheckpointSkip {
	readonly path: string;
	readonly reason: 'node_modules' | 'ignored' | 'too-large';
}

export interface CheckpointMeta {
	readonly id: string;
	readonly projectId: string;
	/** The chat it belongs to; null for one taken outside a chat. */
	readonly sessionId: string | null;
	readonly reason: CheckpointReason;
	/** Index of the user turn in the session (0, 1, 2…) it was taken for; absent for a rewind's. */
	readonly turnIndex?: number;
	readonly createdAt: number;
	readonly fileCount: number;
	readonly totalBytes: number;
	/** Bytes of blobs this checkpoint added (the ones no earlier checkpoint held). */
	readonly newBytes: number;
	/** Bytes of the file list this checkpoint wrote (a delta from the previous one, usually). */
	readonly manifestBytes?: number;
	readonly skipped: readonly CheckpointSkip[];
	/** Set on a copy (copyCheckpoint): the checkpoint it was copied from. */
	readonly copiedFrom?: string;
}

export interface CreateCheckpointInput {
	readonly sessionId: string | null;
	readonly reason: CheckpointReason;
	readonly turnIndex?: number;
	/** path → content of every file the checkpoint keeps (caller leaves out node_modules etc.) */
	readonly files: Readonly<Record<string, FileData>>;
	readonly dirs?: readonly string[];
	readonly skipped?: readonly CheckpointSkip[];
	/**
	 * Size and modification time per path, as the workspace reports them. A file whose path, size
	 * and time match the previous checkpoint's keeps its hash without being hashed again.
	 */
	readonly stats?: Readonly<Record<string, CheckpointFileStat>>;
}

export interface CheckpointFileStat {
	readonly size: number;
	readonly mtimeMs: number;
}

export interface LoadedCheckpoint {
	readonly meta: CheckpointMeta;
	readonly files: Record<string, FileData>;
	readonly dirs: string[];
}

/** A full file list after this many deltas, so loading never follows a long chain. */
const MAX_DELTA_DEPTH = 32;

/** The newest checkpoint's file list per project, so the next one need not read it back. */
const latest = new Map<string, ResolvedManifest>();
let lastStamp = 0;

/** Date.now(), strictly increasing, so checkpoints taken in one millisecond still order. */
function stamp(): number {
	lastStamp = Math.max(Date.now(), lastStamp + 1);
	return lastStamp;
}

/** Sortable by time within a project (base-36 time first), unique by the UUID after it. */
function newCheckpointId(createdAt: number): string {
	return `${createdAt.toString(36).padStart(10, '0')}-${crypto.randomUUID()}`;
}

export async function createCheckpoint(
	projectId: string,
	input: CreateCheckpointInput
): Promise<CheckpointMeta> {
	await openStorage();
	const previous = await newestManifest(projectId);
	const entries: Record<string, ManifestEntry> = {};
	const content = new Map<string, NewBlob>();
	let totalBytes = 0;
	const hashing: Promise<void>[] = [];
	// A project's first checkpoint encodes every file (30 MB for 2,000 files): in slices, or it
	// was one task of ~150 ms at 4x CPU (profiled), in the send that made it.
	const pause = timeSlices();
	for (const [rawPath, data] of Object.entries(input.files)) {
		// Also between files kept from the previous checkpoint: 2,000 of them were a task of its own.
		await pause();
		const path = normalizePath(rawPath);
		const stat = input.stats?.[rawPath] ?? input.stats?.[path];
		const before = previous?.files[path];
		if (stat && before && before.size === stat.size && before.mtimeMs === stat.mtimeMs) {
			totalBytes += stat.size;
			entries[path] = before;
			continue;
		}
		const bytes = bytesOf(data);
		totalBytes += stat?.size ?? bytes.byteLength;
		const hashed = sha256HexOfBytes(bytes).then((hash) => {
			entries[path] = { hash, size: bytes.byteLength, mtimeMs: stat?.mtimeMs ?? -1 };
			content.set(hash, { data, size: bytes.byteLength });
		});
		// Awaited below, after the loop: a failure meanwhile is not an unhandled rejection.
		hashed.catch(() => {});
		hashing.push(hashed);
	}
	await Promise.all(hashing);
	const dirs = [...new Set((input.dirs ?? []).map(normalizePath))].filter((d) => d !== '').sort();
	return withCheckpointLock(async () => {
		const newBytes = await storeMissingBlobs(content);
		const createdAt = stamp();
		const id = newCheckpointId(createdAt);
		// Re-read under the lock: another tab may have added a checkpoint since.
		const parent = (await newestManifest(projectId)) ?? undefined;
		const manifest = manifestFor(projectId, entries, dirs, parent);
		const manifestText = JSON.stringify(manifest);
		await set(id, manifest, getStores().checkpointManifests);
		const meta: CheckpointMeta = {
			id,
			projectId,
			sessionId: input.sessionId,
			reason: input.reason,
			...(input.turnIndex !== undefined && { turnIndex: input.turnIndex }),
			createdAt,
			fileCount: Object.keys(entries).length,
			totalBytes,
			newBytes,
			manifestBytes: manifestText.length,
			skipped: [...(input.skipped ?? [])]
		};
		await set([projectId, id] satisfies MetaKey, meta, getStores().checkpoints);
		latest.set(projectId, {
			id,
			files: entries,
			dirs,
			depth: manifest.parent === null ? 0 : (parent?.depth ?? 0) + 1
		});
		return meta;
	});
}

/** A delta from `parent` when that is small and the chain short; otherwise the full list. */
function manifestFor(
	projectId: string,
	files: Record<string, ManifestEntry>,
	dirs: string[],
	parent: ResolvedManifest | undefined
): StoredManifest {
	const full: StoredManifest = { projectId, parent: null, files, dirs };
	if (!parent || parent.depth >= MAX_DELTA_DEPTH) return full;
	const changed: Record<string, ManifestEntry> = {};
	let count = 0;
	for (const [path, entry] of Object.entries(files)) {
		const old = parent.files[path];
		if (old?.hash === entry.hash && old.size === entry.size && old.mtimeMs === entry.mtimeMs) {
			continue;
		}
		changed[path] = entry;
		count++;
	}
	const removed = Object.keys(parent.files).filter((path) => !Object.hasOwn(files, path));
	if ((count + removed.length) * 2 > Object.keys(files).length) return full;
	return { projectId, parent: parent.id, files: changed, removed, dirs };
}

/** A file's content not stored yet, with its size on disk. */
interface NewBlob {
	readonly data: FileData;
	readonly size: number;
}

/**
 * How much one write transaction of blobs takes: each put copies its value in the task that
 * makes it, and costs something however small it is (2,000 small files in one transaction were
 * one task of 190 ms at 4x CPU, and 256 of them still 70 ms). A put counts as its bytes plus
 * PUT_COST_BYTES, so a batch is at most 2 MB or 128 files. Called under the checkpoint lock, so
 * the garbage collector cannot take blobs stored by an earlier batch before the manifest that
 * needs them is written.
 */
const BLOB_BATCH_BYTES = 2 * 1024 * 1024;
const PUT_COST_BYTES = 16 * 1024;

/** How many blobs one read transaction asks after. */
const KEY_CHECK_BATCH = 200;

/** Writes the blobs not stored yet, in batches; returns the bytes written. */
async function storeMissingBlobs(content: Map<string, NewBlob>): Promise<number> {
	if (content.size === 0) return 0;
	const missing: string[] = [];
	// Asked in runs too: 2,000 requests made in one task took 180 ms at 4x CPU.
	for (const hashes of batchesOf([...content.keys()], () => 1, KEY_CHECK_BATCH)) {
		const stored = await getStores().checkpointBlobs('readonly', (store) =>
			Promise.all(hashes.map((hash) => promisifyRequest(store.getKey(hash))))
		);
		missing.push(...hashes.filter((_, index) => stored[index] === undefined));
	}
	let bytes = 0;
	const cost = (hash: string) => content.get(hash)!.size + PUT_COST_BYTES;
	for (const batch of batchesOf(missing, cost, BLOB_BATCH_BYTES)) {
		await getStores().checkpointBlobs('readwrite', (store) => {
			for (const hash of batch) {
				const blob = content.get(hash)!;
				bytes += blob.size;
				store.put({ data: storable(blob.data) }, hash);
			}
			return promisifyRequest(store.transaction);
		});
	}
	return bytes;
}

/** `items` in order, cut into runs of at most `limit` by `sizeOf` (an item over it alone). */
export function batchesOf<T>(
	items: readonly T[],
	sizeOf: (item: T) => number,
	limit: number
): T[][] {
	const batches: T[][] = [];
	let current: T[] = [];
	let size = 0;
	for (const item of items) {
		const itemSize = sizeOf(item);
		if (current.length > 0 && size + itemSize > limit) {
			batches.push(current);
			current = [];
			size = 0;
		}
		current.push(item);
		size += itemSize;
	}
	if (current.length > 0) batches.push(current);
	return batches;
}

/**
 * Reads the project's newest checkpoint's file list into memory ahead of the next checkpoint (a
 * turn's start takes one, and compares with it): read back in the send, its 2,000 entries'
 * structured clone and checks were a task of ~55 ms at 4x CPU (profiled). For idle time once the
 * chat is open; the next checkpoint still checks that it is the newest before using it.
 */
export async function warmNewestCheckpoint(projectId: string): Promise<void> {
	await openStorage();
	await newestManifest(projectId);
}

/** The file list of the project's newest readable checkpoint (from memory when this page wrote it). */
async function newestManifest(projectId: string): Promise<ResolvedManifest | undefined> {
	const metas = await readProjectMetas(projectId);
	const newest = metas.at(-1);
	if (!newest) {
		latest.delete(projectId);
		return undefined;
	}
	const cached = latest.get(projectId);
	if (cached?.id === newest.id) return cached;
	try {
		const resolved = await resolveManifest(newest.id);
		latest.set(projectId, resolved);
		return resolved;
	} catch {
		// Unreadable: the next checkpoint is written in full and hashes everything again.
		return undefined;
	}
}

/** The project's checkpoints (only one session's when `sessionId` is given), oldest first. */
export async function listCheckpoints(
	projectId: string,
	sessionId?: string
): Promise<CheckpointMeta[]> {
	await openStorage();
	const metas = await readProjectMetas(projectId);
	return sessionId === undefined ? metas : metas.filter((meta) => meta.sessionId === sessionId);
}

/**
 * The checkpoint with its files, or undefined when there is no such (finished) checkpoint.
 * Throws, saying so, when part of it cannot be read: half a checkpoint is never returned, since
 * restoring it would delete the files that are missing from it.
 */
export async function loadCheckpoint(checkpointId: string): Promise<LoadedCheckpoint | undefined> {
	const listed = await loadCheckpointList(checkpointId);
	if (!listed) return undefined;
	const blobs = await readBlobs([...new Set(Object.values(listed.files).map((e) => e.hash))]);
	const files: Record<string, FileData> = {};
	for (const [path, entry] of Object.entries(listed.files)) files[path] = blobs.get(entry.hash)!;
	return { meta: listed.meta, files, dirs: listed.dirs };
}

/** A checkpoint's file list: hash, size and time per path, without reading any content. */
export interface ListedCheckpoint {
	readonly meta: CheckpointMeta;
	readonly files: Readonly<Record<string, ManifestEntry>>;
	readonly dirs: string[];
}

/**
 * The checkpoint's file list alone (undefined when there is no such finished checkpoint): what
 * a comparison reads first, so that it reads the content of only the files that differ
 * (readCheckpointBlobs). Loading a 2,000-file checkpoint whole costs a long task.
 */
export async function loadCheckpointList(
	checkpointId: string
): Promise<ListedCheckpoint | undefined> {
	await openStorage();
	const stored = await readManifest(checkpointId);
	if (!stored) return undefined;
	const meta = await readMeta(stored.projectId, checkpointId);
	if (!meta) return undefined;
	const manifest = await resolveManifest(checkpointId);
	return { meta, files: manifest.files, dirs: manifest.dirs };
}

/**
 * A copy of a checkpoint filed under another chat (the branch a rewind starts keeps the turns
 * before it). Costs a one-line manifest: the copy's list is its source's, unchanged.
 */
export async function copyCheckpoint(
	checkpointId: string,
	sessionId: string | null
): Promise<CheckpointMeta | undefined> {
	await openStorage();
	const source = await readManifest(checkpointId);
	const meta = source && (await readMeta(source.projectId, checkpointId));
	if (!source || !meta) return undefined;
	return withCheckpointLock(async () => {
		const createdAt = stamp();
		const id = newCheckpointId(createdAt);
		const manifest: StoredManifest = {
			projectId: meta.projectId,
			parent: checkpointId,
			files: {},
			removed: [],
			dirs: source.dirs
		};
		await set(id, manifest, getStores().checkpointManifests);
		const copy: CheckpointMeta = {
			...meta,
			id,
			sessionId,
			createdAt,
			newBytes: 0,
			manifestBytes: JSON.stringify(manifest).length,
			copiedFrom: checkpointId
		};
		await set([meta.projectId, id] satisfies MetaKey, copy, getStores().checkpoints);
		return copy;
	});
}

/** Removes every checkpoint of the project and the blobs no other project's checkpoint holds. */
export async function deleteProjectCheckpoints(projectId: string): Promise<void> {
	await openStorage();
	latest.delete(projectId);
	await deleteCheckpointRecords(projectId);
}

export {
	collectCheckpointGarbage,
	deleteSessionCheckpoints,
	type CheckpointGarbage
} from './checkpoint-gc';
