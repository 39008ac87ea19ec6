import type { ProjectPersistence, SaveQueueState } from '$lib/storage';

interface Tracked {
	readonly persistence: ProjectPersistence;
	state: SaveQueueState;
	stop: () => void;
	/** The project was closed: forget it once nothing of it is waiting. */
	released: boolean;
}

/**
 * Writes not stored yet, across every project this tab has open or had open: a project left with
 * writes still failing keeps retrying (its queue holds them) and stays counted here, so the
 * notice and the warning on closing the tab outlive the IDE page.
 */
export class SaveStatus {
	#tracked = $state.raw<readonly Tracked[]>([]);

	/** Writes waiting in every project. */
	readonly pending: number = $derived(this.#tracked.reduce((sum, t) => sum + t.state.pending, 0));
	/** Why writes are waiting (the first failing project's reason), or null. */
	readonly error: Error | null = $derived(
		this.#tracked.find((t) => t.state.error)?.state.error ?? null
	);
	/** When the next automatic try is due, while failing. */
	readonly retryAt: number | null = $derived(
		this.#tracked.find((t) => t.state.retryAt !== null)?.state.retryAt ?? null
	);

	/** Follows one project's writes; the returned function is called when the project is closed. */
	track(persistence: ProjectPersistence): () => void {
		const entry: Tracked = {
			persistence,
			state: persistence.state,
			released: false,
			stop: () => {}
		};
		entry.stop = persistence.subscribe((state) => {
			entry.state = state;
			if (entry.released && state.pending === 0) this.#forget(entry);
			else this.#tracked = [...this.#tracked];
		});
		this.#tracked = [...this.#tracked, entry];
		return () => {
			entry.released = true;
			if (entry.state.pending === 0) this.#forget(entry);
		};
	}

	/** Tries every waiting write now (after the person freed space, say). */
	retryNow(): void {
		for (const { persistence } of this.#tracked) persistence.retryNow();
	}

	/** Asks before the tab closes while writes are waiting. Returns the function that stops. */
	watchPage(): () => void {
		const onBeforeUnload = (event: BeforeUnloadEvent) => {
			if (this.pending > 0) event.preventDefault();
		};
		window.addEventListener('beforeunload', onBeforeUnload);
		return () => window.removeEventListener('beforeunload', onBeforeUnload);
	}

	#forget(entry: Tracked): void {
		entry.stop();
		this.#tracked = this.#tracked.filter((t) => t !== entry);
	}
}

/** The tab's one SaveStatus (created on first use, never at import). */
let shared: SaveStatus | undefined;
export function saveStatus(): SaveStatus {
	shared ??= new SaveStatus();
	return shared;
}
