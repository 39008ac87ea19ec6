/**
 * Checkpoints as a crash left them: every manifest must name only blobs that are stored (a
 * manifest written before its blobs, or a blob removed while a manifest still holds it, would
 * make a rewind fail). Read raw and without knowing the exact layout, so it works as soon as the
 * checkpoint store exists: any database whose name mentions "checkpoint"; records with
 * `projectId` and a `files` map of path → content hash are manifests; the keys of stores whose
 * name mentions "blob" are the stored hashes. Today (before i8-checkpoints) there is none.
 */
import type { Page } from '@playwright/test';
import { readStore } from './idb-state';

export interface StoredCheckpoint {
	readonly key: unknown;
	/** Hashes the manifest names that no blob store holds. */
	readonly missingBlobs: string[];
}

export async function readCheckpoints(page: Page, projectId: string): Promise<StoredCheckpoint[]> {
	const layout = await page.evaluate(async () => {
		const names = (await indexedDB.databases())
			.map((db) => db.name ?? '')
			.filter((name) => /checkpoint/i.test(name));
		const found: { database: string; stores: string[] }[] = [];
		for (const database of names) {
			const db = await new Promise<IDBDatabase>((resolve, reject) => {
				const request = indexedDB.open(database);
				request.onsuccess = () => resolve(request.result);
				request.onerror = () => reject(request.error);
			});
			found.push({ database, stores: [...db.objectStoreNames] });
			db.close();
		}
		return found;
	});
	const blobs = new Set<string>();
	const manifests: { key: unknown; hashes: string[] }[] = [];
	for (const { database, stores } of layout) {
		for (const store of stores) {
			const records = await readStore(page, database, store);
			if (/blob/i.test(store)) {
				for (const { key } of records) blobs.add(String(Array.isArray(key) ? key.at(-1) : key));
				continue;
			}
			for (const { key, value } of records) {
				const manifest = value as { projectId?: unknown; files?: unknown };
				if (manifest?.projectId !== projectId || !manifest.files) continue;
				if (typeof manifest.files !== 'object') continue;
				const hashes = Object.values(manifest.files as Record<string, unknown>).filter(
					(hash): hash is string => typeof hash === 'string'
				);
				manifests.push({ key, hashes });
			}
		}
	}
	return manifests.map(({ key, hashes }) => ({
		key,
		missingBlobs: hashes.filter((hash) => !blobs.has(hash))
	}));
}
