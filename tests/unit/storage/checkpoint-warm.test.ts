import 'fake-indexeddb/auto';
import { del, get } from 'idb-keyval';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createCheckpoint } from '../../../src/lib/storage';
import { getStores } from '../../../src/lib/storage/stores';
import { freshIndexedDb } from './reset';

type Storage = typeof import('../../../src/lib/storage');

beforeEach(freshIndexedDb);

const files = { 'a.txt': 'alpha', 'b.txt': 'beta' };
const stats = { 'a.txt': { size: 5, mtimeMs: 1 }, 'b.txt': { size: 4, mtimeMs: 1 } };

/** A checkpoint written by an earlier page, then this page's storage code, freshly loaded. */
async function earlierCheckpointThenNewPage(): Promise<{ id: string; page: Storage }> {
	const { id } = await createCheckpoint('p1', {
		sessionId: null,
		reason: 'turn-start',
		files,
		stats
	});
	vi.resetModules();
	return { id, page: await import('../../../src/lib/storage') };
}

/** The page's next checkpoint of `files`: the id of the one it compared with (null: none). */
async function nextParent(page: Storage): Promise<unknown> {
	const { id } = await page.createCheckpoint('p1', {
		sessionId: null,
		reason: 'turn-start',
		files,
		stats
	});
	return parentOf(id);
}

/** The parent a stored manifest names: null when it was written in full. */
async function parentOf(id: string): Promise<unknown> {
	const manifest = await get<{ parent: string | null }>(id, getStores().checkpointManifests);
	return manifest?.parent;
}

describe('warming the newest checkpoint', () => {
	it('lets the next checkpoint compare with it without reading it back', async () => {
		const { id, page } = await earlierCheckpointThenNewPage();
		await page.warmNewestCheckpoint('p1');
		// Gone from storage: only a copy already in memory can be compared with now.
		await del(id, getStores().checkpointManifests);
		expect(await nextParent(page)).toBe(id);
	});

	it('without it, the next checkpoint reads the newest one itself', async () => {
		const { id, page } = await earlierCheckpointThenNewPage();
		await del(id, getStores().checkpointManifests);
		// Unreadable: written in full.
		expect(await nextParent(page)).toBeNull();
	});

	it('is not used once another checkpoint is newer (another tab wrote one)', async () => {
		const { page } = await earlierCheckpointThenNewPage();
		await page.warmNewestCheckpoint('p1');
		const other = await createCheckpoint('p1', {
			sessionId: null,
			reason: 'turn-start',
			files: { ...files, 'c.txt': 'gamma' },
			stats
		});
		expect(await nextParent(page)).toBe(other.id);
	});
});
