import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
	closeStorage,
	CURRENT_SCHEMA_VERSION,
	getSchemaVersion,
	getSetting,
	openStorage,
	runMigrations,
	setSetting,
	type Migration
} from '../../../src/lib/storage';
import { set } from 'idb-keyval';
import { getStores } from '../../../src/lib/storage/stores';
import { freshIndexedDb } from './reset';

beforeEach(freshIndexedDb);

describe('settings', () => {
	it('returns the fallback until a value is set', async () => {
		expect(await getSetting('panes')).toBeUndefined();
		expect(await getSetting('panes', [30, 70])).toEqual([30, 70]);
		await setSetting('panes', [40, 60]);
		expect(await getSetting('panes', [30, 70])).toEqual([40, 60]);
	});
});

describe('migrations', () => {
	it('brings a new profile to the current schema version', async () => {
		await openStorage();
		expect(await getSchemaVersion()).toBe(CURRENT_SCHEMA_VERSION);
	});

	it('runs pending steps once, in version order, and resumes after the stored version', async () => {
		const ran: number[] = [];
		const step = (version: number): Migration => ({
			version,
			description: `step ${version}`,
			run: async () => void ran.push(version)
		});
		expect(await runMigrations([step(2), step(1)])).toBe(2);
		expect(ran).toEqual([1, 2]);
		expect(await runMigrations([step(1), step(2), step(3)])).toBe(3);
		expect(ran).toEqual([1, 2, 3]);
		expect(await getSchemaVersion()).toBe(3);
	});

	it('keeps the version of the last step that succeeded when a step fails', async () => {
		const failing: Migration = {
			version: 2,
			description: 'move sessions',
			run: async () => {
				throw new Error('boom');
			}
		};
		const ok: Migration = { version: 1, description: 'ok', run: async () => {} };
		await expect(runMigrations([ok, failing])).rejects.toThrow(
			/could not upgrade.*step 2: move sessions.*Reload/
		);
		expect(await getSchemaVersion()).toBe(1);
	});

	it('refuses data written by a newer schema', async () => {
		const steps: Migration[] = [1, 2].map((version) => ({
			version,
			description: `v${version}`,
			run: async () => {}
		}));
		await runMigrations(steps);
		await expect(runMigrations(steps.slice(0, 1))).rejects.toThrow(/newer version of Kiln/);
	});

	describe('the migration lock', () => {
		const asked: string[] = [];
		beforeEach(() => {
			asked.length = 0;
			// Web Locks (Node has none): grants at once, and notes who asked.
			vi.stubGlobal('navigator', {
				locks: {
					request: (name: string, task: () => Promise<unknown>) => (asked.push(name), task())
				}
			});
		});
		afterEach(() => vi.unstubAllGlobals());

		it('is taken only when the data is behind: a current profile opens with one read', async () => {
			await openStorage();
			expect(asked).toEqual(['kiln-storage-migrations']);
			expect(await getSchemaVersion()).toBe(CURRENT_SCHEMA_VERSION);

			await closeStorage(); // the next page load
			await openStorage();
			expect(asked).toHaveLength(1);

			// A profile left one step behind (an older Kiln wrote it) upgrades under the lock.
			await set('schemaVersion', CURRENT_SCHEMA_VERSION - 1, getStores().meta);
			await closeStorage();
			await openStorage();
			expect(asked).toHaveLength(2);
			expect(await getSchemaVersion()).toBe(CURRENT_SCHEMA_VERSION);
		});

		it('still refuses data from a newer Kiln', async () => {
			await openStorage();
			await set('schemaVersion', CURRENT_SCHEMA_VERSION + 1, getStores().meta);
			await closeStorage();
			await expect(openStorage()).rejects.toThrow(/newer version of Kiln/);
		});
	});

	it('migrated data is readable by the storage functions', async () => {
		await setSetting('theme', 'dark');
		expect(await getSetting('theme')).toBe('dark');
		expect(await getSchemaVersion()).toBe(CURRENT_SCHEMA_VERSION);
	});
});
