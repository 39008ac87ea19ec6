import type { FsEvent, FsEventListener } from '../types';

/**
 * Collects filesystem events and hands them to watch listeners in batches. One shell command
 * touches a file several times (`echo x > f` writes it empty, then with content), so events are
 * held until the current task ends (or until flush() is called when an operation completes)
 * and repeats of the same event for the same path are dropped.
 */
export class FsEventBatcher {
	readonly #listeners = new Set<FsEventListener>();
	#pending: FsEvent[] = [];
	/** The type of the latest pending event per path, to drop exact repeats. */
	#latest = new Map<string, FsEvent['type']>();
	#timer: ReturnType<typeof setTimeout> | undefined;

	subscribe(listener: FsEventListener): () => void {
		this.#listeners.add(listener);
		return () => {
			this.#listeners.delete(listener);
		};
	}

	push(event: FsEvent): void {
		if (this.#listeners.size === 0) return;
		if (this.#latest.get(event.path) === event.type) return;
		this.#latest.set(event.path, event.type);
		this.#pending.push(event);
		// A macrotask, not a microtask: a command's writes are separated by many awaits.
		this.#timer ??= setTimeout(() => this.flush(), 0);
	}

	/** Delivers what is pending now. */
	flush(): void {
		if (this.#timer !== undefined) clearTimeout(this.#timer);
		this.#timer = undefined;
		if (this.#pending.length === 0) return;
		const batch = this.#pending;
		this.#pending = [];
		this.#latest = new Map();
		for (const listener of [...this.#listeners]) {
			try {
				listener(batch);
			} catch (error) {
				// One faulty listener must not starve the others or break the command that wrote.
				console.error('A filesystem watch listener failed:', error);
			}
		}
	}

	dispose(): void {
		if (this.#timer !== undefined) clearTimeout(this.#timer);
		this.#timer = undefined;
		this.#pending = [];
		this.#latest = new Map();
		this.#listeners.clear();
	}
}
