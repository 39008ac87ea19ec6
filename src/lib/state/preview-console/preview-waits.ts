/** Timers the preview channel waits on, each ended early by a stop (the turn's AbortSignal). */

export function abortError(signal: AbortSignal): Error {
	return signal.reason instanceof Error
		? signal.reason
		: new DOMException('Stopped.', 'AbortError');
}

/** Resolves after `ms`, or rejects when `signal` aborts first. */
export function delay(ms: number, signal: AbortSignal): Promise<void> {
	return new Promise((resolve, reject) => {
		if (signal.aborted) return reject(abortError(signal));
		const timer = setTimeout(() => {
			signal.removeEventListener('abort', onAbort);
			resolve();
		}, ms);
		const onAbort = () => {
			clearTimeout(timer);
			reject(abortError(signal));
		};
		signal.addEventListener('abort', onAbort, { once: true });
	});
}

/**
 * Waits for `start()`'s callback to be called, at most until `deadline` (Date.now() ms); true
 * when it was called, false on time-out. `start` returns its cleanup.
 */
export function until(
	start: (done: () => void) => () => void,
	deadline: number,
	signal: AbortSignal
): Promise<boolean> {
	return new Promise((resolve, reject) => {
		if (signal.aborted) return reject(abortError(signal));
		let stop: (() => void) | undefined;
		let finished = false;
		const finish = (value: boolean | Error) => {
			if (finished) return;
			finished = true;
			clearTimeout(timer);
			signal.removeEventListener('abort', onAbort);
			stop?.();
			if (value instanceof Error) reject(value);
			else resolve(value);
		};
		const onAbort = () => finish(abortError(signal));
		const timer = setTimeout(() => finish(false), Math.max(0, deadline - Date.now()));
		signal.addEventListener('abort', onAbort, { once: true });
		const cleanup = start(() => finish(true));
		// Called back at once: finish() ran before there was a cleanup to run.
		if (finished) cleanup();
		else stop = cleanup;
	});
}
