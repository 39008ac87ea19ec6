import {
	persistenceState,
	requestPersistentStorage,
	storageEstimate,
	type PersistenceState,
	type StorageEstimate
} from '$lib/storage';

/** Above this share of the quota, the status warns before writes start failing. */
export const STORAGE_WARN_RATIO = 0.8;

/** How much of the browser's storage Kiln uses, and whether the browser keeps it persistently. */
export class StorageStatus {
	estimate = $state.raw<StorageEstimate | null>(null);
	persistence = $state<PersistenceState | null>(null);
	/** Set when the person asked for persistence and the browser said no. */
	refused = $state(false);

	readonly ratio: number | null = $derived(
		this.estimate && this.estimate.quota > 0 ? this.estimate.usage / this.estimate.quota : null
	);
	readonly nearlyFull: boolean = $derived(this.ratio !== null && this.ratio >= STORAGE_WARN_RATIO);

	/** Reads usage, quota and persistence again (after a project is created, deleted or saved). */
	async refresh(): Promise<void> {
		const [estimate, persistence] = await Promise.all([storageEstimate(), persistenceState()]);
		this.estimate = estimate;
		this.persistence = persistence;
	}

	/**
	 * Asks the browser to keep Kiln's data (on the person's click, or when they create a project):
	 * Chromium answers silently from how much the site is used, Firefox asks the person.
	 */
	async requestPersistence(): Promise<void> {
		const answer = await requestPersistentStorage();
		this.persistence = answer;
		this.refused = answer === 'best-effort';
	}
}
