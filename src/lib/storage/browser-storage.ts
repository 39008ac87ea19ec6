/** Whether the browser keeps Kiln's data under storage pressure, as far as it tells us. */
export type PersistenceState = 'persisted' | 'best-effort' | 'unsupported';

export interface StorageEstimate {
	/** Bytes used by this origin. */
	readonly usage: number;
	/** Bytes this origin may use. */
	readonly quota: number;
}

function storageManager(): StorageManager | undefined {
	return globalThis.navigator?.storage;
}

/**
 * Asks the browser not to evict Kiln's data when space runs low. Browsers decide on their own
 * (Chromium grants it to sites that are installed or used often, Firefox asks the person), so
 * the answer can be 'best-effort': data stays unless the disk fills up.
 */
export async function requestPersistentStorage(): Promise<PersistenceState> {
	const storage = storageManager();
	if (!storage?.persist) return 'unsupported';
	try {
		if (storage.persisted && (await storage.persisted())) return 'persisted';
		return (await storage.persist()) ? 'persisted' : 'best-effort';
	} catch {
		return 'unsupported';
	}
}

/** How much this origin stores and may store, or null where the browser does not say. */
export async function storageEstimate(): Promise<StorageEstimate | null> {
	const storage = storageManager();
	if (!storage?.estimate) return null;
	try {
		const { usage, quota } = await storage.estimate();
		return usage === undefined || quota === undefined ? null : { usage, quota };
	} catch {
		return null;
	}
}

/** Whether the browser already keeps Kiln's data persistently, without asking for it. */
export async function persistenceState(): Promise<PersistenceState> {
	const storage = storageManager();
	if (!storage?.persisted) return 'unsupported';
	try {
		return (await storage.persisted()) ? 'persisted' : 'best-effort';
	} catch {
		return 'unsupported';
	}
}
