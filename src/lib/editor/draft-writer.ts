import type { DraftSink } from './types';

export interface DraftWriterOptions {
	write(path: string, text: string, baseHash: string | null): Promise<void>;
	remove(path: string): Promise<void>;
	/** How long typing must pause before the draft is written. */
	delayMs?: number;
	/** Told when a write fails (storage full, IndexedDB gone); the next one may still work. */
	onError?: (error: unknown) => void;
}

interface Pending {
	text: string | null;
	baseHash: string | null;
	timer: ReturnType<typeof setTimeout> | null;
}

/**
 * Writes editor drafts as the person types: one write per path after a short pause, removals at
 * once, and each path's writes strictly in order so an older text never lands after a newer one.
 * `flush()` writes what is waiting now (page hidden, project left, ownership handed over).
 */
export class DraftWriter implements DraftSink {
	#options: DraftWriterOptions;
	#delayMs: number;
	#pending = new Map<string, Pending>();
	#chains = new Map<string, Promise<void>>();
	#paused = false;
	#failed = false;

	constructor(options: DraftWriterOptions) {
		this.#options = options;
		this.#delayMs = options.delayMs ?? 300;
	}

	/** The last write failed: unsaved text may exist only in this page. */
	get failed(): boolean {
		return this.#failed;
	}

	/** Whether anything typed is not yet written (or a write failed). */
	get unsettled(): boolean {
		return this.#failed || this.#pending.size > 0 || this.#chains.size > 0;
	}

	get paused(): boolean {
		return this.#paused;
	}

	update(path: string, text: string | null, baseHash: string | null): void {
		if (this.#paused) return;
		const pending = this.#pending.get(path);
		if (pending?.timer) clearTimeout(pending.timer);
		if (text === null) {
			this.#pending.delete(path);
			this.#run(path, () => this.#options.remove(path));
			return;
		}
		const next: Pending = { text, baseHash, timer: null };
		next.timer = setTimeout(() => this.#writeNow(path), this.#delayMs);
		this.#pending.set(path, next);
	}

	/** Writes everything waiting and resolves when every write so far has settled. */
	async flush(): Promise<void> {
		for (const path of [...this.#pending.keys()]) this.#writeNow(path);
		while (this.#chains.size > 0) await Promise.all(this.#chains.values());
	}

	/**
	 * Stops writing (this tab no longer owns the project: another tab's drafts now live under the
	 * same keys). What was waiting is written first.
	 */
	async pause(): Promise<void> {
		await this.flush();
		this.#paused = true;
	}

	resume(): void {
		this.#paused = false;
	}

	dispose(): void {
		for (const pending of this.#pending.values()) if (pending.timer) clearTimeout(pending.timer);
		this.#pending.clear();
		this.#paused = true;
	}

	#writeNow(path: string): void {
		const pending = this.#pending.get(path);
		if (!pending) return;
		if (pending.timer) clearTimeout(pending.timer);
		this.#pending.delete(path);
		const { text, baseHash } = pending;
		if (text !== null) this.#run(path, () => this.#options.write(path, text, baseHash));
	}

	#run(path: string, task: () => Promise<void>): void {
		const previous = this.#chains.get(path) ?? Promise.resolve();
		const next = previous
			.then(task)
			.then(() => {
				this.#failed = false;
			})
			.catch((error: unknown) => {
				this.#failed = true;
				this.#options.onError?.(error);
			})
			.finally(() => {
				if (this.#chains.get(path) === next) this.#chains.delete(path);
			});
		this.#chains.set(path, next);
	}
}
