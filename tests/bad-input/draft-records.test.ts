import 'fake-indexeddb/auto';
import { set } from 'idb-keyval';
import { beforeEach, describe, expect, test } from 'vitest';
import {
	dismissSetAside,
	listQuarantined,
	loadProjectDrafts,
	openStorage,
	putDraft,
	setAsideSummaries
} from '../../src/lib/storage';
import { getStores } from '../../src/lib/storage/stores';
import { recordRow } from '../suite-table/row';
import { freshIndexedDb } from '../unit/storage/reset';

beforeEach(async () => {
	await freshIndexedDb();
	dismissSetAside();
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
			const notice = setAsideSummaries().map((summary) => summary.message);
			const again = await loadProjectDrafts('p1');
			const quarantined = await listQuarantined();
			expect(loaded.map((draft) => draft.text)).toEqual(['kept']);
			expect(again.map((draft) => draft.text)).toEqual(['kept']);
			expect(notice).toEqual([expect.stringMatching(/^1 unsaved draft could not be read/)]);
			expect(quarantined).toMatchObject([{ kind: 'draft', key: ['p1', 'bad.txt'], value }]);
			recordRow(task, {
				input: label,
				'what Kiln did': `restored ${loaded.length} good draft(s): ${loaded.map((draft) => draft.path).join(', ')}; set aside ${quarantined.length} (${quarantined.map((record) => record.reason).join('; ')}), kept on the next load: ${again.length} draft(s); notice: “${notice.join(' ')}”`
			});
		});
	}
});
