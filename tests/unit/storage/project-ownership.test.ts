import { afterEach, describe, expect, it, vi } from 'vitest';
import {
	ProjectOwnership,
	type ChannelLike,
	type LockRequester,
	type OwnershipState,
	type ProjectOwnershipOptions
} from '../../../src/lib/storage';
import { FakeLocks } from './fake-locks';

const open: ProjectOwnership[] = [];

afterEach(() => {
	for (const tab of open.splice(0)) tab.dispose();
});

/** One browser tab on project p1: its ownership and what it was told. */
function tab(
	locks: FakeLocks | undefined,
	name: string,
	extra: Partial<ProjectOwnershipOptions> = {}
) {
	const states: OwnershipState[] = [];
	const saved: string[][] = [];
	const handOvers: string[] = [];
	const ownership = new ProjectOwnership({
		projectId: 'p1',
		tabId: name,
		locks: locks as unknown as LockRequester | undefined,
		channel: new BroadcastChannel('kiln-test:p1') as unknown as ChannelLike,
		handOverTimeoutMs: 200,
		onStateChange: (state) => states.push(state),
		beforeHandOver: async () => void handOvers.push(name),
		onFilesSaved: (paths) => saved.push([...paths]),
		...extra
	});
	open.push(ownership);
	return { ownership, states, saved, handOvers };
}

describe('project ownership', () => {
	it('gives the project to the first tab and opens the second read-only', async () => {
		const locks = new FakeLocks();
		const first = tab(locks, 'A');
		const second = tab(locks, 'B');
		expect(await first.ownership.start()).toBe('owner');
		expect(await second.ownership.start()).toBe('read-only');
		expect(first.states).toEqual(['owner']);
		expect(second.states).toEqual(['read-only']);
	});

	it('take over: the owner stores what it holds first, then both flip', async () => {
		const locks = new FakeLocks();
		const first = tab(locks, 'A');
		const second = tab(locks, 'B');
		await first.ownership.start();
		await second.ownership.start();

		await second.ownership.takeOver();
		expect(first.handOvers).toEqual(['A']);
		expect(second.ownership.state).toBe('owner');
		await vi.waitFor(() => expect(first.ownership.state).toBe('read-only'));
		expect(first.states).toEqual(['owner', 'read-only']);

		// And back again.
		await first.ownership.takeOver();
		expect(first.ownership.state).toBe('owner');
		await vi.waitFor(() => expect(second.ownership.state).toBe('read-only'));
		expect(second.handOvers).toEqual(['B']);
	});

	it('the waiting tab becomes the owner when the owner closes', async () => {
		const locks = new FakeLocks();
		const first = tab(locks, 'A');
		const second = tab(locks, 'B');
		await first.ownership.start();
		await second.ownership.start();
		first.ownership.dispose();
		await vi.waitFor(() => expect(second.ownership.state).toBe('owner'));
	});

	it('a tab that lost the project waits again and gets it back when the new owner closes', async () => {
		const locks = new FakeLocks();
		const first = tab(locks, 'A');
		const second = tab(locks, 'B');
		await first.ownership.start();
		await second.ownership.start();
		await second.ownership.takeOver();
		await vi.waitFor(() => expect(locks.queues.get('kiln-project:p1')).toHaveLength(1));
		second.ownership.dispose();
		await vi.waitFor(() => expect(first.ownership.state).toBe('owner'));
	});

	it('takes the project anyway when the owner does not answer in time', async () => {
		const locks = new FakeLocks();
		const frozen = tab(locks, 'A', { beforeHandOver: () => new Promise(() => {}) });
		const second = tab(locks, 'B');
		await frozen.ownership.start();
		await second.ownership.start();
		await second.ownership.takeOver();
		expect(second.ownership.state).toBe('owner');
		await vi.waitFor(() => expect(frozen.ownership.state).toBe('read-only'));
	});

	it('tells other tabs which files the owner stored; a read-only tab announces nothing', async () => {
		const locks = new FakeLocks();
		const first = tab(locks, 'A');
		const second = tab(locks, 'B');
		await first.ownership.start();
		await second.ownership.start();
		first.ownership.announceSaved(['src/a.ts', 'b.txt']);
		second.ownership.announceSaved(['ignored.txt']);
		await vi.waitFor(() => expect(second.saved).toEqual([['src/a.ts', 'b.txt']]));
		expect(first.saved).toEqual([]);
	});

	it('ignores malformed messages on the channel', async () => {
		const locks = new FakeLocks();
		const first = tab(locks, 'A');
		await first.ownership.start();
		const stranger = new BroadcastChannel('kiln-test:p1');
		stranger.postMessage({ type: 'files-saved', from: 'X', paths: [1, 2] });
		stranger.postMessage('take-over');
		stranger.postMessage({ type: 'files-saved', from: 'X', paths: ['ok.txt'] });
		await vi.waitFor(() => expect(first.saved).toEqual([['ok.txt']]));
		expect(first.ownership.state).toBe('owner');
		stranger.close();
	});

	it('without Web Locks every tab owns the project, since there is no way to tell', async () => {
		const first = tab(undefined, 'A');
		const second = tab(undefined, 'B');
		expect(await first.ownership.start()).toBe('owner');
		expect(await second.ownership.start()).toBe('owner');
	});
});
