import { del, promisifyRequest, set } from 'idb-keyval';
import * as z from 'zod/mini';
import { normalizePath } from '../runtime';
import { lazySchema } from './lazy-schema';
import { openStorage } from './migrations';
import { setAside } from './quarantine';
import { checkRecord } from './record-schemas';
import { getStores } from './stores';

/**
 * Unsaved editor text, kept as the person types so a reload, a crash or leaving the project
 * loses nothing. One record per open file with unsaved changes, deleted when it is saved or
 * reverted.
 */
export const draftSchema = lazySchema(() =>
	z.object({
		projectId: z.string().check(z.minLength(1)),
		path: z.string().check(z.minLength(1)),
		text: z.string(),
		/**
		 * A fingerprint of the file's text the draft started from (see the editor's textHash), so a
		 * restored draft can tell whether the file changed since; null when the file did not exist.
		 */
		baseHash: z.nullable(z.string()),
		/** When the draft was last written (ms since the epoch). */
		updatedAt: z.number()
	})
);

export type Draft = z.infer<typeof draftSchema>;

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

/**
 * The project's readable drafts, oldest first (the order their tabs are reopened in). One that
 * cannot be read is set aside (quarantine.ts), so its text is kept and the notice says so.
 */
export async function loadProjectDrafts(projectId: string): Promise<Draft[]> {
	await openStorage();
	const [keys, values] = await getStores().drafts('readonly', (store) =>
		Promise.all([
			promisifyRequest(store.getAllKeys(projectRange(projectId))),
			promisifyRequest(store.getAll(projectRange(projectId)))
		])
	);
	const drafts: Draft[] = [];
	for (const [index, key] of keys.entries()) {
		const value: unknown = values[index];
		const checked = checkRecord<Draft>(draftSchema, value);
		const [, path] = key as DraftKey;
		if (checked.ok && checked.value.projectId === projectId && checked.value.path === path) {
			drafts.push(checked.value);
			continue;
		}
		// A record filed under another key than its own fields say is as unusable as a malformed one.
		const reason = checked.ok ? 'path: does not match the key it is stored under' : checked.reason;
		await setAside({ kind: 'draft', store: 'drafts', key, value, reason });
	}
	drafts.sort((a, b) => a.updatedAt - b.updatedAt);
	return drafts;
}

export async function deleteProjectDrafts(projectId: string): Promise<void> {
	await openStorage();
	await getStores().drafts('readwrite', (store) => {
		store.delete(projectRange(projectId));
		return promisifyRequest(store.transaction);
	});
}
