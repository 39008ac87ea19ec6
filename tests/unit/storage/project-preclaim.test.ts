/**
 * The ownership lock asked for as the page starts (storage/project-preclaim.ts): the session's
 * ProjectOwnership, made later, must end up exactly where it would have by asking itself.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
	ProjectOwnership,
	preclaimLock,
	type ChannelLike,
	type LockRequester,
	type OwnershipState
} from '../../../src/lib/storage';
import { FakeLocks } from './fake-locks';

const LOCK = 'kiln-project:p1';
const open: ProjectOwnership[] = [];

afterEach(() => {
	for (const tab of open.splice(0)) tab.dispose();
});

function ownership(locks: LockRequester, name: string) {
	const states: OwnershipState[] = [];
	const tab = new ProjectOwnership({
		projectId: 'p1',
		tabId: name,
		locks,
		channel: new BroadcastChannel('kiln-test-preclaim:p1') as unknown as ChannelLike,
		handOverTimeoutMs: 100,
		onStateChange: (state) => states.push(state),
		beforeHandOver: async () => {}
	});
	open.push(tab);
	return { tab, states };
}

describe('a pre-claimed project lock', () => {
	it('is held from the start, and the ownership made later owns the project through it', async () => {
		const locks = new FakeLocks();
		const early = preclaimLock(LOCK, locks as unknown as LockRequester)!;
		// Held before any ownership exists: a second tab opening now finds the project taken.
		await expect.poll(() => locks.held.has(LOCK)).toBe(true);
		const other = ownership(locks as unknown as LockRequester, 'B');
		expect(await other.tab.start()).toBe('read-only');

		const first = ownership(early, 'A');
		expect(await first.tab.start()).toBe('owner');
		expect(first.states).toEqual(['owner']);

		// Closing the owner releases the lock it adopted: the waiting tab becomes the owner.
		first.tab.dispose();
		await expect.poll(() => other.tab.state).toBe('owner');
	});

	it('tells the ownership "read-only" when another tab held the project first', async () => {
		const locks = new FakeLocks();
		const holder = ownership(locks as unknown as LockRequester, 'B');
		expect(await holder.tab.start()).toBe('owner');

		const late = ownership(preclaimLock(LOCK, locks as unknown as LockRequester)!, 'A');
		expect(await late.tab.start()).toBe('read-only');
		// And it waits in the queue like any read-only tab: the owner closing hands it the project.
		holder.tab.dispose();
		await expect.poll(() => late.tab.state).toBe('owner');
	});

	it('a take-over before the claim was adopted leaves the adopter read-only, not owner', async () => {
		const locks = new FakeLocks();
		const early = preclaimLock(LOCK, locks as unknown as LockRequester)!;
		await expect.poll(() => locks.held.has(LOCK)).toBe(true);
		// Another tab steals the lock (a take-over) while this page's session does not exist yet.
		let stealerHolds = false;
		void locks.request(LOCK, { steal: true }, () => {
			stealerHolds = true;
			return new Promise(() => {});
		});
		await expect.poll(() => stealerHolds).toBe(true);

		const adopter = ownership(early, 'A');
		expect(await adopter.tab.start()).toBe('read-only');
		expect(adopter.states).toEqual(['read-only']);
	});

	it('abandoned (the page went elsewhere), gives the lock back', async () => {
		const locks = new FakeLocks();
		const early = preclaimLock(LOCK, locks as unknown as LockRequester)!;
		await expect.poll(() => locks.held.has(LOCK)).toBe(true);
		early.abandon();
		await expect.poll(() => locks.held.has(LOCK)).toBe(false);
	});

	it('passes every other request to the lock manager', async () => {
		const locks = new FakeLocks();
		const early = preclaimLock(LOCK, locks as unknown as LockRequester)!;
		let otherHeld = false;
		await early.request('kiln-project:p2', { ifAvailable: true }, async () => {
			otherHeld = locks.held.has('kiln-project:p2');
		});
		expect(otherHeld).toBe(true);
		// The early claim is still waiting for its adopter, and still held.
		expect(locks.held.has(LOCK)).toBe(true);
	});

	it('asks for nothing where the browser has no Web Locks', () => {
		expect(preclaimLock(LOCK, undefined)).toBeUndefined();
	});
});
