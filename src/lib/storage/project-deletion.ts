/**
 * Deleting a project: everything Kiln keeps for it goes, in every store, so nothing of it is
 * left behind in the browser (the person may delete a project precisely to be rid of its data).
 * Each store is named here; a new store that holds per-project records must be added too.
 */
import { del } from 'idb-keyval';
import { deleteProjectCheckpoints } from './checkpoints';
import { deleteProjectDrafts } from './drafts';
import { openStorage } from './migrations';
import { permissionRulesKey } from './permission-rules';
import { deleteFiles } from './project-files';
import { forgetQuarantined, type QuarantinedRecord } from './quarantine';
import { deleteProjectSessions, sessionOfLog } from './sessions';
import { deleteSetting } from './settings';
import { getStores } from './stores';

/**
 * Removes the project: its files, chats (events, subagent transcripts), drafts, checkpoints
 * (blobs another project's checkpoints share stay), rules and set-aside records.
 */
export async function deleteProject(id: string): Promise<void> {
	await openStorage();
	// Meta first: once it is gone the project is gone for the person, whatever happens next.
	await del(id, getStores().projects);
	await deleteFiles(id, '');
	const sessionIds = new Set(await deleteProjectSessions(id));
	await deleteProjectDrafts(id);
	await deleteProjectCheckpoints(id);
	await deleteSetting(permissionRulesKey(id));
	await forgetQuarantined((record) => belongsToProject(record, id, sessionIds));
}

/** Whether a quarantined record was the project's own (by its key, or its chat's). */
function belongsToProject(
	record: QuarantinedRecord,
	projectId: string,
	sessionIds: ReadonlySet<string>
): boolean {
	const { store, key } = record;
	switch (store) {
		case 'projects':
			return key === projectId;
		case 'files':
		case 'drafts':
		case 'checkpoints':
			return Array.isArray(key) && key[0] === projectId;
		case 'checkpointManifests':
			return (record.value as { projectId?: unknown } | null)?.projectId === projectId;
		case 'checkpointBlobs':
		case 'images':
			// Content, possibly shared with other projects: kept like any other recovery record.
			return false;
		case 'imageRefs':
			return Array.isArray(key) && typeof key[0] === 'string' && sessionIds.has(key[0]);
		case 'settings':
			return key === permissionRulesKey(projectId);
		case 'sessions':
			return typeof key === 'string' && sessionIds.has(key);
		case 'sessionEvents':
			return (
				Array.isArray(key) && typeof key[0] === 'string' && sessionIds.has(sessionOfLog(key[0]))
			);
		case 'meta':
			return false;
	}
}
