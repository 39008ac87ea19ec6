import { promisifyRequest } from 'idb-keyval';
import { normalizePath } from '../runtime';
import { openStorage } from './migrations';
import type { FileData } from './project-files';
import { getStores } from './stores';

/** What storage holds at a path now: a file, a folder, or nothing. */
export type StoredState =
	| { readonly kind: 'file'; readonly data: FileData }
	| { readonly kind: 'dir' }
	| { readonly kind: 'missing' };

function stateOf(value: unknown): StoredState {
	if (!value || typeof value !== 'object') return { kind: 'missing' };
	const entry = value as { dir?: unknown; data?: unknown };
	if (entry.dir === true) return { kind: 'dir' };
	if (typeof entry.data === 'string' || entry.data instanceof Uint8Array) {
		return { kind: 'file', data: entry.data };
	}
	// A record of no known shape is treated as absent rather than trusted.
	return { kind: 'missing' };
}

/**
 * Reads a few paths of a project as storage holds them now, in one transaction: how a tab takes
 * in what another tab saved (the message names the paths; the content comes from here, so a late
 * message can never bring back an older version).
 */
export async function loadStoredPaths(
	projectId: string,
	paths: readonly string[]
): Promise<Map<string, StoredState>> {
	await openStorage();
	const normal = [...new Set(paths.map((path) => normalizePath(path)))].filter((p) => p !== '');
	const values = await getStores().files('readonly', (store) =>
		Promise.all(normal.map((path) => promisifyRequest(store.get([projectId, path]))))
	);
	return new Map(normal.map((path, index) => [path, stateOf(values[index])]));
}
