/**
 * At most `max` holders at once; further callers wait in order. A caller whose signal aborts
 * while it waits leaves the queue (a stopped turn must not start subagents afterwards).
 */
export interface Semaphore {
	/** Resolves with a release function once a slot is free; rejects if the signal aborts first. */
	acquire(signal?: AbortSignal): Promise<() => void>;
	readonly running: number;
	readonly queued: number;
}

export function createSemaphore(max: number): Semaphore {
	if (!Number.isInteger(max) || max < 1) {
		throw new Error(`A semaphore needs at least one slot (got ${max}).`);
	}
	let running = 0;
	const waiting: Array<() => void> = [];

	const releaser = () => {
		let released = false;
		return () => {
			if (released) return;
			released = true;
			const next = waiting.shift();
			if (next) next();
			else running--;
		};
	};

	return {
		get running() {
			return running;
		},
		get queued() {
			return waiting.length;
		},
		acquire(signal) {
			if (signal?.aborted) return Promise.reject(abortReason(signal));
			if (running < max) {
				running++;
				return Promise.resolve(releaser());
			}
			return new Promise((resolve, reject) => {
				// The slot passes straight from the releasing holder to this waiter.
				const grant = () => {
					signal?.removeEventListener('abort', onAbort);
					resolve(releaser());
				};
				const onAbort = () => {
					const index = waiting.indexOf(grant);
					if (index >= 0) waiting.splice(index, 1);
					reject(abortReason(signal!));
				};
				waiting.push(grant);
				signal?.addEventListener('abort', onAbort, { once: true });
			});
		}
	};
}

function abortReason(signal: AbortSignal): unknown {
	return signal.reason ?? new DOMException('Aborted', 'AbortError');
}
