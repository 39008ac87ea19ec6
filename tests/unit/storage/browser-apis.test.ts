import { afterEach, describe, expect, it, vi } from 'vitest';
import {
	acquireProjectLock,
	requestPersistentStorage,
	storageEstimate,
	type LockRequester
} from '../../../src/lib/storage';

/** Web Locks with just the `ifAvailable` behaviour: held until the callback's promise settles. */
function fakeLocks(): LockRequester {
	const held = new Set<string>();
	const request = (async (
		name: string,
		_options: LockOptions,
		callback: (lock: Lock | null) => unknown
	) => {
		if (held.has(name)) return callback(null);
		held.add(name);
		try {
			return await callback({ name, mode: 'exclusive' } as Lock);
		} finally {
			held.delete(name);
		}
	}) as LockRequester['request'];
	return { request };
}

afterEach(() => vi.unstubAllGlobals());

describe('acquireProjectLock', () => {
	it('gives the lock to one holder at a time and lets it go on release', async () => {
		const locks = fakeLocks();
		const release = await acquireProjectLock('p1', locks);
		expect(release).toBeTypeOf('function');
		expect(await acquireProjectLock('p1', locks)).toBeNull();
		const other = await acquireProjectLock('p2', locks);
		expect(other).toBeTypeOf('function');
		release!();
		await vi.waitFor(async () => {
			const again = await acquireProjectLock('p1', locks);
			expect(again).toBeTypeOf('function');
			again!();
		});
	});

	it('always succeeds where the browser has no Web Locks', async () => {
		const release = await acquireProjectLock('p1', undefined);
		expect(release).toBeTypeOf('function');
	});
});

describe('persistent storage', () => {
	it('reports unsupported where navigator.storage is missing', async () => {
		vi.stubGlobal('navigator', {});
		expect(await requestPersistentStorage()).toBe('unsupported');
		expect(await storageEstimate()).toBeNull();
	});

	it('asks for persistence only when not yet granted', async () => {
		const persist = vi.fn(async () => false);
		vi.stubGlobal('navigator', { storage: { persisted: async () => false, persist } });
		expect(await requestPersistentStorage()).toBe('best-effort');
		expect(persist).toHaveBeenCalledOnce();
		vi.stubGlobal('navigator', { storage: { persisted: async () => true, persist } });
		expect(await requestPersistentStorage()).toBe('persisted');
		expect(persist).toHaveBeenCalledOnce();
	});

	it('passes on the estimate', async () => {
		vi.stubGlobal('navigator', {
			storage: { estimate: async () => ({ usage: 10, quota: 100 }) }
		});
		expect(await storageEstimate()).toEqual({ usage: 10, quota: 100 });
	});
});
