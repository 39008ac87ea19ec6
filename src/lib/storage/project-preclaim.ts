/**
 * Asks for a project's Web Lock before the code that will hold it exists. A page opened on a
 * project starts its reads while the IDE's code still loads (state/early-open.ts); the lock's
 * answer arrives as a task, and asked for only when the session starts it waited behind the IDE's
 * first mount (30–85 ms, the last thing opening waited for). Asked for early, the answer is in by
 * then, and the ProjectOwnership that takes this requester gets it at once.
 *
 * Only the ownership's first request, the plain "if available" claim, is answered from the early
 * one; every later request (queueing, stealing) goes to the lock manager as it is.
 */
import { ownershipName, type LockRequester } from './project-ownership';

type LockCallback = (lock: Lock | null) => unknown;

export interface PreclaimedLocks extends LockRequester {
	/** Nobody took the claim (the page went elsewhere): gives the lock back, if it was granted. */
	abandon(): void;
}

/**
 * Requests `name` now, with `ifAvailable`, and returns a requester whose first matching request
 * receives that answer. `locks` is the page's lock manager; without one there is nothing to ask.
 */
export function preclaimLock(
	name: string,
	locks: LockRequester | undefined = globalThis.navigator?.locks
): PreclaimedLocks | undefined {
	if (!locks) return undefined;
	let adopt!: (callback: LockCallback) => void;
	const adopted = new Promise<LockCallback>((resolve) => (adopt = resolve));
	let taken = false;
	let stolen = false;
	// The callback the lock manager calls: it keeps the lock (by not settling) until the claim is
	// adopted, then does what the adopter's callback does. Taken away meanwhile (another tab took
	// the project over at once), the adopter hears only the rejection, as it would have.
	const early = Promise.resolve(
		locks.request(name, { ifAvailable: true }, async (lock) => {
			const callback = await adopted;
			return stolen ? undefined : callback(lock);
		})
	);
	early.catch(() => (stolen = true));
	return {
		request(...args: unknown[]) {
			const [requested, options, callback] = args as [string, LockOptions, LockCallback];
			const plainClaim =
				requested === name &&
				options?.ifAvailable === true &&
				!options.steal &&
				!options.signal &&
				typeof callback === 'function';
			// Anything else goes to the lock manager as it was asked (called on it, not detached).
			if (taken || !plainClaim)
				return Reflect.apply(locks.request, locks, args) as Promise<unknown>;
			taken = true;
			adopt(callback);
			return early;
		},
		abandon() {
			if (taken) return;
			taken = true;
			adopt(() => undefined);
		}
	} as PreclaimedLocks;
}

/** The project's ownership lock, asked for now (see preclaimLock). */
export function preclaimProject(projectId: string): PreclaimedLocks | undefined {
	return preclaimLock(ownershipName(projectId));
}
