import type { WorkspaceChange, WorkspaceChangeOrigin, WorkspaceListener } from './types';

/** What one step (a write, a batch of watch events, the first walk) changed and how to save it. */
export interface Step {
	readonly origin: WorkspaceChangeOrigin;
	readonly changes: WorkspaceChange[];
	/** The first walk reads what storage already holds: it saves nothing. */
	readonly persist: boolean;
}

export function newStep(origin: WorkspaceChangeOrigin, persist: boolean): Step {
	return { origin, changes: [], persist };
}

/**
 * Tells subscribers what a step changed, once per step, so they see one batch per write or per
 * burst of watch events rather than one call per path. The revision counts those batches.
 */
export class ChangeFeed {
	#revision = 0;
	#closed = false;
	readonly #listeners = new Set<WorkspaceListener>();
	readonly #onError: (error: Error) => void;

	constructor(onError: (error: Error) => void) {
		this.#onError = onError;
	}

	get revision(): number {
		return this.#revision;
	}

	subscribe(listener: WorkspaceListener): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	emit(step: Step): void {
		if (step.changes.length === 0 || this.#closed) return;
		this.#revision++;
		const batch = Object.freeze([...step.changes]);
		for (const listener of [...this.#listeners]) {
			try {
				listener(batch);
			} catch (error) {
				// One broken listener must not keep the others (or the write) from finishing.
				this.#onError(error instanceof Error ? error : new Error(String(error)));
			}
		}
	}

	/** After the project is closed nobody hears of changes, and the revision stays put. */
	close(): void {
		this.#closed = true;
		this.#listeners.clear();
	}
}
