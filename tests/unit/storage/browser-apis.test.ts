import { afterEach, describe, expect, it, vi } from 'vitest';
import { requestPersistentStorage, storageEstimate } from '../../../src/lib/storage';

afterEach(() => vi.unstubAllGlobals());

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
