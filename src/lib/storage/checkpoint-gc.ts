/**
 * Removing checkpoints, and what a crash left behind. A manifest is live while its meta exists
 * or a live manifest lists its differences from it; a blob is live while a live manifest names
 * it. Everything else (a deleted project's, or a checkpoint whose write was cut short) goes.
 */
import { entries, promisifyRequest } from 'idb-keyval';
import { withCheckpointLock } from './checkpoint-lock';
import { projectRange, type MetaKey } from './checkpoint-records';
import { openStorage } from './migrations';
import { getStores } from './stores';

export interface CheckpointGarbage {
	/** Manifests removed: no checkpoint lists them. */
	readonly manifests: number;
	/** Blobs removed: no manifest names them. */
	readonly blobs: number;
}

/** Deletes the project's metas (its checkpoints are gone for the person), then the garbage. */
export async function deleteCheckpointRecords(projectId: string): Promise<CheckpointGarbage> {
	return withCheckpointLock(async () => {
		await getStores().checkpoints('readwrite', (store) => {
			store.delete(projectRange(projectId));
			return promisifyRequest(store.transaction);
		});
		return collect();
	});
}

/**
 * Deletes the checkpoints of one chat (when the chat is deleted), then the garbage: blobs that
 * other chats' checkpoints (a rewind's branch holds copies) still name stay.
 */
export async function deleteSessionCheckpoints(sessionId: string): Promise<CheckpointGarbage> {
	await openStorage();
	return withCheckpointLock(async () => {
		await getStores().checkpoints('readwrite', (store) => {
			const request = store.openCursor();
			request.onsuccess = () => {
				const cursor = request.result;
				if (!cursor) return;
				const value: unknown = cursor.value;
				if (typeof value === 'object' && value !== null && 'sessionId' in value) {
					if (value.sessionId === sessionId) cursor.delete();
				}
				cursor.continue();
			};
			return promisifyRequest(store.transaction);
		});
		return collect();
	});
}

/**
 * Removes manifests and blobs no finished checkpoint needs: left by a write the page closed in,
 * or by a manifest whose meta was set aside. Safe at any time (it takes the checkpoint lock).
 */
export async function collectCheckpointGarbage(): Promise<CheckpointGarbage> {
	await openStorage();
	return withCheckpointLock(collect);
}

async function collect(): Promise<CheckpointGarbage> {
	const stores = getStores();
	const committed = new Set(
		(await stores.checkpoints('readonly', (store) => promisifyRequest(store.getAllKeys())))
			.filter((key): key is MetaKey => Array.isArray(key) && typeof key[1] === 'string')
			.map((key) => key[1])
	);
	const manifests = new Map<string, { parent: string | null; hashes: string[] }>();
	for (const [key, value] of await entries<IDBValidKey, unknown>(stores.checkpointManifests)) {
		if (typeof key !== 'string') continue;
		manifests.set(key, readLinks(value));
	}
	const live = new Set<string>();
	for (const id of committed) {
		let next: string | null = id;
		while (next !== null && !live.has(next) && manifests.has(next)) {
			live.add(next);
			next = manifests.get(next)!.parent;
		}
	}
	const deadManifests = [...manifests.keys()].filter((id) => !live.has(id));
	const liveHashes = new Set<string>();
	for (const id of live) for (const hash of manifests.get(id)!.hashes) liveHashes.add(hash);
	const blobKeys = await stores.checkpointBlobs('readonly', (store) =>
		promisifyRequest(store.getAllKeys())
	);
	const deadBlobs = blobKeys.filter((key) => typeof key !== 'string' || !liveHashes.has(key));
	// Manifests before blobs: a crash in between leaves blobs to collect, never a dangling name.
	if (deadManifests.length > 0) {
		await stores.checkpointManifests('readwrite', (store) => {
			for (const id of deadManifests) store.delete(id);
			return promisifyRequest(store.transaction);
		});
	}
	if (deadBlobs.length > 0) {
		await stores.checkpointBlobs('readwrite', (store) => {
			for (const key of deadBlobs) store.delete(key);
			return promisifyRequest(store.transaction);
		});
	}
	return { manifests: deadManifests.length, blobs: deadBlobs.length };
}

/**
 * The parent and blob names of a stored manifest, read leniently: an unreadable manifest still
 * protects what it names (it may be recovered from the quarantine), and names no parent.
 */
function readLinks(value: unknown): { parent: string | null; hashes: string[] } {
	const record = (typeof value === 'object' && value !== null ? value : {}) as {
		parent?: unknown;
		files?: unknown;
	};
	const parent = typeof record.parent === 'string' ? record.parent : null;
	const hashes: string[] = [];
	if (typeof record.files === 'object' && record.files !== null) {
		for (const entry of Object.values(record.files as Record<string, unknown>)) {
			const hash = (entry as { hash?: unknown } | null)?.hash;
			if (typeof hash === 'string') hashes.push(hash);
		}
	}
	return { parent, hashes };
}
