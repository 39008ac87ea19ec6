import type { Step } from './change-feed';
import type { WorkspacePersistence } from './types';

/**
 * The persistence hook. Saves start in the order the changes happened but are not awaited by the
 * write that caused them, so the UI does not wait on storage; a failure is kept until the next
 * `settle`, which is where a caller learns that saving must be reported.
 */
export class SaveTracker {
	readonly #persistence: WorkspacePersistence | undefined;
	readonly #onError: (error: Error) => void;
	readonly #saving = new Set<Promise<void>>();
	#saveError: Error | undefined;

	constructor(persistence: WorkspacePersistence | undefined, onError: (error: Error) => void) {
		this.#persistence = persistence;
		this.#onError = onError;
	}

	save(step: Step, write: (persistence: WorkspacePersistence) => Promise<void>): void {
		if (!step.persist || !this.#persistence) return;
		const saving = write(this.#persistence).catch((error: unknown) => {
			const wrapped = error instanceof Error ? error : new Error(String(error));
			this.#saveError ??= wrapped;
			this.#onError(wrapped);
		});
		this.#saving.add(saving);
		void saving.finally(() => this.#saving.delete(saving));
	}

	/** Resolves when every save started so far is done; rejects, once, if one failed since. */
	async settle(): Promise<void> {
		await Promise.all(this.#saving);
		const error = this.#saveError;
		this.#saveError = undefined;
		if (error) throw error;
	}
}
