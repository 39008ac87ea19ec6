/** Releases a project lock; calling it twice is harmless. */
export type ReleaseLock = () => void;

/** The subset of the Web Locks API used here, so tests can pass their own. */
export type LockRequester = Pick<LockManager, 'request'>;

export function projectLockName(projectId: string): string {
	return `kiln-project:${projectId}`;
}

/**
 * Claims a project for this tab so two tabs never write the same project's files. Resolves to a
 * release function, or to null when another tab holds the project (the UI then says "This project
 * is open in another tab"). Where the browser has no Web Locks, the claim always succeeds: there
 * is no way to tell, and refusing would lock people out.
 */
export function acquireProjectLock(
	projectId: string,
	locks: LockRequester | undefined = globalThis.navigator?.locks
): Promise<ReleaseLock | null> {
	if (!locks) return Promise.resolve(() => {});
	return new Promise((resolve, reject) => {
		locks
			.request(projectLockName(projectId), { ifAvailable: true }, (lock) => {
				if (!lock) {
					resolve(null);
					return undefined;
				}
				// The lock is held until the promise returned here settles: hand its resolver out.
				return new Promise<void>((release) => resolve(() => release()));
			})
			.catch(reject);
	});
}
