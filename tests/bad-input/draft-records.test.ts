import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { set } from 'idb-keyval';
import { beforeEach, describe, expect, test } from 'vitest';
import { closeStorage, loadProjectDrafts, openStorage, putDraft } from '../../src/lib/storage';
import { getStores } from '../../src/lib/storage/stores';
import { recordRow } from '../suite-table/row';

beforeEach(async () => {
	await closeStorage();
	globalThis.indexedDB = new IDBFactory();
});

describe('corrupted editor drafts', () => {
	for (const [label, value] of [
		['draft record that is not an object', 'garbage'],
		['draft record with text of the wrong type', { projectId: 'p1', path: 'bad.txt', text: 7 }],
		[
			'draft record filed under another path',
			{ projectId: 'p1', path: 'x.txt', text: 'x', baseHash: null, updatedAt: 1 }
		]
	] as const) {
		test(label, async ({ task }) => {
			await putDraft({
				projectId: 'p1',
				path: 'good.txt',
				text: 'kept',
				baseHash: null,
				updatedAt: 1
			});
			await openStorage();
			await set(['p1', 'bad.txt'], value, getStores().drafts);
			const loaded = await loadProjectDrafts('p1');
			const again = await loadProjectDrafts('p1');
			expect(loaded.drafts.map((draft) => draft.text)).toEqual(['kept']);
			expect(loaded.skipped).toBe(1);
			expect(again.skipped).toBe(0);
			recordRow(task, {
				input: label,
				'what Kiln did': `skipped ${loaded.skipped} bad record and removed it (next load skipped ${again.skipped}); restored ${loaded.drafts.length} good draft(s): ${loaded.drafts.map((draft) => draft.path).join(', ')}`
			});
		});
	}
});
