/**
 * One checkpoint write or clean-up at a time, across tabs where the browser has Web Locks: a
 * blob is shared by checkpoints of every project, so deciding that no checkpoint holds it (and
 * deleting it) must not interleave with a checkpoint that found it stored and skipped writing it.
 */
let chain: Promise<unknown> = Promise.resolve();

export function withCheckpointLock<T>(task: () => Promise<T>): Promise<T> {
	const locks = globalThis.navigator?.locks;
	if (locks) return locks.request('kiln-checkpoints', task) as Promise<T>;
	const next = chain.then(task, task);
	chain = next.catch(() => {});
	return next;
}
