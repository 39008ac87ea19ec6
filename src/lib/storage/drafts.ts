import { del, promisifyRequest, set } from 'idb-keyval';
import { z } from 'zod';
import { normalizePath } from '../runtime/paths';
import { openStorage } from './migrations';
import { getStores } from './stores';

/**
 * Unsaved editor text, kept as the person types so a reload, a crash or leaving the project
 * loses nothing. One record per open file with unsaved changes, deleted when it is saved or
 * reverted.
 */
export const draftSchema = z.object({
	projectId: z.string().min(1),
	path: z.string().min(1),
	text: z.string(),
	/**
	 * A fingerprint of the file's text the draft started from (see the editor's textHash), so a
	 * restored draft can tell whether the file changed since; null when the file did not exist.
	 */
	baseHash: z.string().nullable(),
	/** When the draft was last written (ms since the epoch). */
	updatedAt: z.number().finite()
});

export type Draft = z.infer<typeof draftSchema>;

export interface LoadedDrafts {
	readonly drafts: Draft[];
	/** Records that failed validation; they were removed, since nothing can restore them. */
	readonly skipped: number;
}

type DraftKey = [string, string];

function projectRange(projectId: string): IDBKeyRange {
	// Arrays sort after strings in IndexedDB, so this spans every [projectId, path].
	return IDBKeyRange.bound([projectId], [projectId, []]);
}

export async function putDraft(draft: Draft): Promise<void> {
	// Validated on the way in too: a bad record must never be written, only skipped on the way out.
	const valid = draftSchema.parse({ ...draft, path: normalizePath(draft.path) });
	await openStorage();
	await set([valid.projectId, valid.path] satisfies DraftKey, valid, getStores().drafts);
}

export async function deleteDraft(projectId: string, path: string): Promise<void> {
	await openStorage();
	await del([projectId, normalizePath(path)] satisfies DraftKey, getStores().drafts);
}

/** The project's drafts, oldest first (the order their tabs are reopened in). */
export async function loadProjectDrafts(projectId: string): Promise<LoadedDrafts> {
	await openStorage();
	const [keys, values] = await getStores().drafts('readonly', (store) =>
		Promise.all([
			promisifyRequest(store.getAllKeys(projectRange(projectId))),
			promisifyRequest(store.getAll(projectRange(projectId)))
		])
	);
	const drafts: Draft[] = [];
	const bad: IDBValidKey[] = [];
	keys.forEach((key, index) => {
		const parsed = draftSchema.safeParse(values[index]);
		const [, path] = key as DraftKey;
		// A record filed under another key than its own fields say is as unusable as a malformed one.
		if (parsed.success && parsed.data.projectId === projectId && parsed.data.path === path) {
			drafts.push(parsed.data);
		} else {
			bad.push(key);
		}
	});
	if (bad.length > 0) {
		await getStores().drafts('readwrite', (store) => {
			for (const key of bad) store.delete(key);
			return promisifyRequest(store.transaction);
		});
	}
	drafts.sort((a, b) => a.updatedAt - b.updatedAt);
	return { drafts, skipped: bad.length };
}

export async function deleteProjectDrafts(projectId: string): Promise<void> {
	await openStorage();
	await getStores().drafts('readwrite', (store) => {
		store.delete(projectRange(projectId));
		return promisifyRequest(store.transaction);
	});
}
