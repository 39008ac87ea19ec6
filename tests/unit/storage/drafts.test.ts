import 'fake-indexeddb/auto';
import { get, set } from 'idb-keyval';
import { beforeEach, describe, expect, it } from 'vitest';
import {
	createProject,
	deleteDraft,
	deleteProject,
	dismissSetAside,
	listQuarantined,
	loadProjectDrafts,
	openStorage,
	putDraft,
	setAsideSummaries,
	type Draft
} from '../../../src/lib/storage';
import { getStores } from '../../../src/lib/storage/stores';
import { freshIndexedDb } from './reset';

beforeEach(async () => {
	await freshIndexedDb();
	dismissSetAside();
});

function draft(projectId: string, path: string, text: string, updatedAt = 1): Draft {
	return { projectId, path, text, baseHash: 'h1', updatedAt };
}

describe('drafts', () => {
	it('keeps drafts per project, oldest first, and forgets a deleted one', async () => {
		await putDraft(draft('p1', 'src/b.ts', 'b', 20));
		await putDraft(draft('p1', './src/a.ts', 'a', 10));
		await putDraft(draft('p2', 'src/a.ts', 'other project', 5));
		let loaded = await loadProjectDrafts('p1');
		expect(loaded.map((d) => [d.path, d.text])).toEqual([
			['src/a.ts', 'a'],
			['src/b.ts', 'b']
		]);
		expect(setAsideSummaries()).toEqual([]);

		await deleteDraft('p1', 'src/a.ts');
		loaded = await loadProjectDrafts('p1');
		expect(loaded.map((d) => d.path)).toEqual(['src/b.ts']);
		expect(await loadProjectDrafts('p2')).toHaveLength(1);
	});

	it('replaces the draft of a path with the newer text', async () => {
		await putDraft(draft('p1', 'a.txt', 'first', 1));
		await putDraft(draft('p1', 'a.txt', 'second', 2));
		const drafts = await loadProjectDrafts('p1');
		expect(drafts.map((d) => d.text)).toEqual(['second']);
	});

	it('refuses to write a record that does not fit the schema', async () => {
		await expect(
			putDraft({ ...draft('p1', 'a.txt', 'x'), updatedAt: Number.NaN })
		).rejects.toThrow();
		await expect(
			putDraft({ ...draft('p1', 'a.txt', 'x'), text: 42 as unknown as string })
		).rejects.toThrow();
		expect(await loadProjectDrafts('p1')).toEqual([]);
	});

	it('sets corrupted records aside, with a notice, while the good ones still load corrupted records while the good ones still load', async () => {
		await putDraft(draft('p1', 'good.txt', 'kept', 1));
		await openStorage();
		await set(
			['p1', 'bad.txt'],
			{ projectId: 'p1', path: 'bad.txt', text: null },
			getStores().drafts
		);
		await set(['p1', 'wrong-key.txt'], draft('p1', 'elsewhere.txt', 'x'), getStores().drafts);
		await set(['p1', 'junk'], 'not even an object', getStores().drafts);

		const first = await loadProjectDrafts('p1');
		expect(first.map((d) => d.path)).toEqual(['good.txt']);
		expect(setAsideSummaries()).toEqual([
			expect.objectContaining({
				kind: 'draft',
				count: 3,
				message: expect.stringMatching(/^3 unsaved drafts could not be read and were set aside/)
			})
		]);
		// Nothing is destroyed: each record is kept in the quarantine as it was, with the reason.
		const quarantined = await listQuarantined();
		expect(quarantined.map((record) => record.key).sort()).toEqual([
			['p1', 'bad.txt'],
			['p1', 'junk'],
			['p1', 'wrong-key.txt']
		]);
		const filedAt = (path: string) =>
			quarantined.find((record) => JSON.stringify(record.key) === JSON.stringify(['p1', path]));
		expect(filedAt('bad.txt')).toMatchObject({
			kind: 'draft',
			store: 'drafts',
			value: { projectId: 'p1', path: 'bad.txt', text: null },
			reason: expect.stringMatching(/^text: /)
		});
		expect(filedAt('wrong-key.txt')?.reason).toMatch(/does not match the key/);
		expect(await get(['p1', 'junk'], getStores().drafts)).toBeUndefined();

		dismissSetAside();
		const again = await loadProjectDrafts('p1');
		expect(again.map((d) => d.text)).toEqual(['kept']);
		expect(setAsideSummaries()).toEqual([]);
		expect(await listQuarantined()).toHaveLength(3);
	});

	it('goes when its project is deleted', async () => {
		const project = await createProject({ name: 'p', template: 'blank', files: {} });
		await putDraft(draft(project.id, 'a.txt', 'unsaved'));
		await deleteProject(project.id);
		expect(await loadProjectDrafts(project.id)).toEqual([]);
	});
});
