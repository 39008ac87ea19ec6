/**
 * A queue of file writes that never drops one. Writes made in the same tick are committed in one
 * transaction, in order. A commit that fails (a full disk: QuotaExceededError) stays at the head
 * of the queue and is retried with backoff, or at once on `retryNow()`; writes made meanwhile wait
 * behind it, a later write of a path replacing an earlier one that has not been tried yet. Each
 * write's promise resolves when it is stored, however long that takes.
 */
import type { FileOp } from './project-files';

export interface SaveQueueState {
	/** Writes not stored yet, repeated writes of one path counted once. */
	readonly pending: number;
	/** Why the last commit failed, until one succeeds. */
	readonly error: Error | null;
	/** When the next automatic try is due (ms since the epoch), while failing. */
	readonly retryAt: number | null;
}

export interface SaveQueueOptions {
	/** Commits ops in one transaction, in order; rejects if nothing was stored. */
	apply(ops: readonly FileOp[]): Promise<void>;
	/** Turns a failed commit into the message a person reads. */
	describe(cause: unknown): Error;
	/** Whether the writes have nowhere to go any more (their project was deleted): then they are rejected. */
	gone?: () => Promise<boolean>;
	goneError?: () => Error;
	/** Milliseconds before try number `attempt` (1, 2…) after a failure. */
	retryDelayMs?: (attempt: number) => number;
}

interface Item {
	readonly op: FileOp;
	readonly waiters: { resolve(): void; reject(error: unknown): void }[];
}

const IDLE: SaveQueueState = { pending: 0, error: null, retryAt: null };

/** 1 s, 2 s, 4 s… up to 30 s: quick after a blip, gentle on a disk that stays full. */
export function backoffMs(attempt: number): number {
	return Math.min(30_000, 1000 * 2 ** Math.max(0, attempt - 1));
}

export class SaveQueue {
	readonly #options: SaveQueueOptions;
	#items: Item[] = [];
	/** How many items at the head are in the commit running now. */
	#inFlight = 0;
	#scheduled = false;
	#timer: ReturnType<typeof setTimeout> | null = null;
	#failures = 0;
	#state: SaveQueueState = IDLE;
	readonly #listeners = new Set<(state: SaveQueueState) => void>();

	constructor(options: SaveQueueOptions) {
		this.#options = options;
	}

	get state(): SaveQueueState {
		return this.#state;
	}

	/** Calls `listener` on every change of state; returns the function that stops. */
	subscribe(listener: (state: SaveQueueState) => void): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	enqueue(op: FileOp): Promise<void> {
		return new Promise<void>((resolve, reject) => {
			const waiters = [{ resolve, reject }];
			if (op.op === 'putFile') {
				// Only the newest content of a path matters; the older write resolves when it lands.
				const at = this.#items.findIndex(
					(item, index) =>
						index >= this.#inFlight && item.op.op === 'putFile' && item.op.path === op.path
				);
				if (at !== -1) waiters.unshift(...this.#items.splice(at, 1)[0]!.waiters);
			}
			this.#items.push({ op, waiters });
			this.#publish();
			if (this.#timer === null && this.#inFlight === 0) this.#schedule();
		});
	}

	/** Tries the waiting writes now instead of at the next automatic try. */
	retryNow(): void {
		if (this.#timer === null) return;
		clearTimeout(this.#timer);
		this.#timer = null;
		this.#schedule();
	}

	#schedule(): void {
		if (this.#scheduled) return;
		this.#scheduled = true;
		queueMicrotask(() => {
			this.#scheduled = false;
			void this.#commit();
		});
	}

	async #commit(): Promise<void> {
		if (this.#inFlight > 0 || this.#items.length === 0) return;
		this.#inFlight = this.#items.length;
		const batch = this.#items.slice(0, this.#inFlight);
		try {
			await this.#options.apply(batch.map((item) => item.op));
		} catch (cause) {
			// Still "in flight" while deciding, so a write made meanwhile cannot start a commit.
			const gone = await this.#isGone();
			this.#inFlight = 0;
			if (gone) {
				// Only for writes with nowhere to go: everything waiting is given up, said so.
				const error = this.#options.goneError?.() ?? this.#options.describe(cause);
				const dropped = this.#items.splice(0);
				this.#publish(null);
				for (const item of dropped) for (const waiter of item.waiters) waiter.reject(error);
				return;
			}
			this.#failures++;
			const delay = (this.#options.retryDelayMs ?? backoffMs)(this.#failures);
			this.#timer = setTimeout(() => {
				this.#timer = null;
				this.#schedule();
			}, delay);
			this.#publish(this.#options.describe(cause), Date.now() + delay);
			return;
		}
		this.#items.splice(0, batch.length);
		this.#inFlight = 0;
		this.#failures = 0;
		this.#publish(null);
		for (const item of batch) for (const waiter of item.waiters) waiter.resolve();
		if (this.#items.length > 0) this.#schedule();
	}

	async #isGone(): Promise<boolean> {
		try {
			return (await this.#options.gone?.()) ?? false;
		} catch {
			return false;
		}
	}

	#publish(error: Error | null = this.#state.error, retryAt = this.#state.retryAt): void {
		const pending = this.#items.length;
		this.#state = {
			pending,
			error: pending === 0 ? null : error,
			retryAt: error && pending > 0 ? retryAt : null
		};
		for (const listener of this.#listeners) listener(this.#state);
	}
}
