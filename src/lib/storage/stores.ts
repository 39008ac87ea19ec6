import { createStore, type UseStore } from 'idb-keyval';

/**
 * The IndexedDB stores Kiln keeps, one database per store (idb-keyval's createStore opens a
 * database with exactly one object store, so sharing a database would need version upgrades).
 * They are created on first use, never at import time, so importing storage costs nothing and
 * tests can swap `indexedDB` before anything opens.
 */
export interface KilnStores {
	/** projectId → ProjectMeta */
	readonly projects: UseStore;
	/** [projectId, path] → StoredEntry */
	readonly files: UseStore;
	/** key → any structured-cloneable value */
	readonly settings: UseStore;
	/** bookkeeping: the schema version */
	readonly meta: UseStore;
	/** sessionId → SessionMeta */
	readonly sessions: UseStore;
	/** [sessionId, seq] → SessionEvent: one key per event, so a session is an append-only log */
	readonly sessionEvents: UseStore;
	/** [projectId, path] → Draft: unsaved editor text, written as the person types */
	readonly drafts: UseStore;
	/** quarantine id → QuarantinedRecord: records that failed validation, kept rather than destroyed */
	readonly quarantine: UseStore;
	/** [projectId, checkpointId] → CheckpointMeta: written last, so a listed checkpoint is whole */
	readonly checkpoints: UseStore;
	/** checkpointId → CheckpointManifest: path → blob hash, and the folders */
	readonly checkpointManifests: UseStore;
	/** SHA-256 hex → CheckpointBlob: file content, stored once however many checkpoints hold it */
	readonly checkpointBlobs: UseStore;
	/** SHA-256 hex → StoredImage: a chat's image (pasted, or a screenshot), stored once */
	readonly images: UseStore;
	/** [sessionId, hash] → true: which chats hold which image (an image goes with its last chat) */
	readonly imageRefs: UseStore;
}

export const DATABASE_NAMES = {
	projects: 'kiln-projects',
	files: 'kiln-project-files',
	settings: 'kiln-settings',
	meta: 'kiln-meta',
	sessions: 'kiln-sessions',
	sessionEvents: 'kiln-session-events',
	drafts: 'kiln-drafts',
	quarantine: 'kiln-quarantine',
	checkpoints: 'kiln-checkpoints',
	checkpointManifests: 'kiln-checkpoint-manifests',
	checkpointBlobs: 'kiln-checkpoint-blobs',
	images: 'kiln-images',
	imageRefs: 'kiln-image-refs'
} as const;

let stores: KilnStores | undefined;

export function getStores(): KilnStores {
	if (!stores) {
		if (typeof indexedDB === 'undefined') {
			throw new Error(
				'This browser offers no IndexedDB, so Kiln cannot keep your projects. ' +
					'Open Kiln in a regular (not private) window of a current browser.'
			);
		}
		stores = {
			projects: createStore(DATABASE_NAMES.projects, 'projects'),
			files: createStore(DATABASE_NAMES.files, 'files'),
			settings: createStore(DATABASE_NAMES.settings, 'settings'),
			meta: createStore(DATABASE_NAMES.meta, 'meta'),
			sessions: createStore(DATABASE_NAMES.sessions, 'sessions'),
			sessionEvents: createStore(DATABASE_NAMES.sessionEvents, 'events'),
			drafts: createStore(DATABASE_NAMES.drafts, 'drafts'),
			quarantine: createStore(DATABASE_NAMES.quarantine, 'records'),
			checkpoints: createStore(DATABASE_NAMES.checkpoints, 'checkpoints'),
			checkpointManifests: createStore(DATABASE_NAMES.checkpointManifests, 'manifests'),
			checkpointBlobs: createStore(DATABASE_NAMES.checkpointBlobs, 'blobs'),
			images: createStore(DATABASE_NAMES.images, 'images'),
			imageRefs: createStore(DATABASE_NAMES.imageRefs, 'refs')
		};
	}
	return stores;
}

/**
 * Closes the open connections and forgets them; the next call opens (and migrates) again.
 * Needed before deleting the databases, and by tests that replace `indexedDB` between cases.
 */
export async function closeStoreConnections(): Promise<void> {
	const open = stores;
	stores = undefined;
	if (!open) return;
	await Promise.all(
		Object.values(open).map((store: UseStore) =>
			store('readonly', (objectStore) => objectStore.transaction.db.close()).catch(() => {
				// A connection that never opened has nothing to close.
			})
		)
	);
}
