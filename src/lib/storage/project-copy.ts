/**
 * Duplicating a project, and measuring the size of one stored before sizes were kept.
 */
import { promisifyRequest, set } from 'idb-keyval';
import { entryBytes } from './byte-size';
import { openStorage } from './migrations';
import { getProject, PROJECT_NAME_MAX_CHARS, stamp, type ProjectMeta } from './projects';
import { checkRecord, fileKeySchema, storedEntrySchema } from './record-schemas';
import { getStores } from './stores';
import { readModifyWrite } from './read-modify-write';

function projectRange(projectId: string): IDBKeyRange {
	// Arrays sort after strings in IndexedDB, so this spans every [projectId, path].
	return IDBKeyRange.bound([projectId], [projectId, []]);
}

/** "<name> copy", shortened so it still fits a project name. */
export function copyName(name: string): string {
	const suffix = ' copy';
	const room = PROJECT_NAME_MAX_CHARS - suffix.length;
	const chars = Array.from(name);
	return `${chars.length > room ? chars.slice(0, room).join('').trimEnd() : name}${suffix}`;
}

/**
 * A new project "<name> copy" with the same files and folders (mtimes kept), copied record by
 * record in one transaction, so the copy is whole or absent. Chats, drafts and checkpoints stay
 * with the original: they are that project's history, and the copy starts fresh from its files.
 * Records that cannot be read are not copied (the original keeps them, set aside as usual).
 */
export async function duplicateProject(id: string): Promise<ProjectMeta> {
	await openStorage();
	const original = await getProject(id);
	if (!original) {
		throw new Error(
			'That project no longer exists (it may have been deleted in another tab). Reload the list.'
		);
	}
	const now = stamp();
	const copy: ProjectMeta = {
		id: crypto.randomUUID(),
		name: copyName(original.name),
		template: original.template,
		createdAt: now,
		updatedAt: now,
		openedAt: now,
		bytes: 0
	};
	let bytes = 0;
	await getStores().files('readwrite', (store) => {
		// Writes are made in the reads' callbacks, while the transaction is sure to be active.
		const range = projectRange(id);
		const keys = store.getAllKeys(range);
		const values = store.getAll(range);
		values.onsuccess = () => {
			for (const [index, key] of keys.result.entries()) {
				const value: unknown = values.result[index];
				if (!checkRecord(fileKeySchema, key).ok || !checkRecord(storedEntrySchema, value).ok) {
					continue;
				}
				store.put(value, [copy.id, (key as [string, string])[1]]);
				bytes += entryBytes(value);
			}
		};
		return promisifyRequest(store.transaction);
	});
	// Meta last: a tab closed half-way leaves unreachable files, never a project without them.
	const stored = { ...copy, bytes };
	await set(copy.id, stored, getStores().projects);
	return stored;
}

/**
 * Counts a project's bytes with a cursor (one record in memory at a time) and stores the count:
 * needed once for a project kept before sizes were, after which every write keeps it current.
 */
export async function measureProjectBytes(id: string): Promise<number> {
	await openStorage();
	const bytes = await getStores().files('readonly', (store) => {
		let total = 0;
		const request = store.openCursor(projectRange(id));
		return new Promise<number>((resolve, reject) => {
			request.onsuccess = () => {
				const cursor = request.result;
				if (!cursor) return resolve(total);
				total += entryBytes(cursor.value);
				cursor.continue();
			};
			request.onerror = () => reject(request.error);
		});
	});
	await readModifyWrite(getStores().projects, id, (stored) =>
		stored && typeof stored === 'object' ? { ...stored, bytes } : undefined
	);
	return bytes;
}
