/**
 * Web Locks as the spec describes them, for one exclusive lock name at a time: a FIFO queue,
 * `ifAvailable`, `steal` (the holder's request rejects with AbortError) and `signal`. Node has no
 * navigator.locks, and the ownership protocol depends on exactly these rules.
 */
interface Entry {
	callback: (lock: Lock | null) => unknown;
	resolve: (value: unknown) => void;
	reject: (error: unknown) => void;
	signal?: AbortSignal;
}

function abortError(): DOMException {
	return new DOMException('The lock request was aborted.', 'AbortError');
}

export class FakeLocks {
	held = new Map<string, Entry>();
	queues = new Map<string, Entry[]>();

	request(
		name: string,
		options: LockOptions,
		callback: (lock: Lock | null) => unknown
	): Promise<unknown> {
		return new Promise((resolve, reject) => {
			const entry: Entry = { callback, resolve, reject, signal: options.signal };
			if (options.signal?.aborted) return reject(abortError());
			if (options.steal) {
				const holder = this.held.get(name);
				if (holder) {
					this.held.delete(name);
					holder.reject(abortError());
				}
				return this.#grant(name, entry);
			}
			if (this.held.has(name)) {
				if (options.ifAvailable) {
					return Promise.resolve(callback(null)).then(resolve, reject);
				}
				const queue = this.queues.get(name) ?? [];
				queue.push(entry);
				this.queues.set(name, queue);
				options.signal?.addEventListener('abort', () => {
					const index = queue.indexOf(entry);
					if (index >= 0) {
						queue.splice(index, 1);
						reject(abortError());
					}
				});
				return;
			}
			this.#grant(name, entry);
		});
	}

	#grant(name: string, entry: Entry): void {
		this.held.set(name, entry);
		const done = () => {
			if (this.held.get(name) !== entry) return; // stolen: the lock is someone else's now
			this.held.delete(name);
			const next = this.queues.get(name)?.shift();
			if (next) this.#grant(name, next);
		};
		Promise.resolve(entry.callback({ name, mode: 'exclusive' } as Lock)).then(
			(value) => {
				done();
				entry.resolve(value);
			},
			(error) => {
				done();
				entry.reject(error);
			}
		);
	}
}
