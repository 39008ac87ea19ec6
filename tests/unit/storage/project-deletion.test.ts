import 'fake-indexeddb/auto';
import { entries, set } from 'idb-keyval';
import { beforeEach, describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../../src/lib/agent/types';
import {
	appendSessionEvent,
	createProject,
	createSession,
	deleteProject,
	dismissSetAside,
	listQuarantined,
	listSessions,
	loadPermissionRules,
	loadProjectDrafts,
	loadProjectSnapshot,
	loadSessionEvents,
	putDraft,
	savePermissionRules,
	storeSubagentTranscript,
	type KilnStores
} from '../../../src/lib/storage';
import { getStores } from '../../../src/lib/storage/stores';
import { freshIndexedDb } from './reset';

beforeEach(async () => {
	await freshIndexedDb();
	dismissSetAside();
});

const message = (text: string): SessionEvent => ({ type: 'user-message', id: text, at: 1, text });

/** A project with a record in every store that keeps per-project data, bad records included. */
async function fullProject(name: string): Promise<{ id: string; sessionIds: string[] }> {
	const project = await createProject({ name, template: 'blank', files: { 'a.txt': name } });
	const chat = await createSession(project.id, { provider: 'anthropic', model: 'm' });
	await appendSessionEvent(chat.id, 0, message(`${name} asks`));
	await storeSubagentTranscript(chat.id, 'sub1', [message(`${name} delegates`)]);
	await putDraft({
		projectId: project.id,
		path: 'a.txt',
		text: 'typed',
		baseHash: null,
		updatedAt: 1
	});
	await savePermissionRules(project.id, [{ action: 'allow', rule: 'bash(npm test)' }]);
	const stores = getStores();
	// A chat whose meta cannot be read (it is set aside) but whose events are still stored.
	const unreadable = `${name}-broken-chat`;
	await set(unreadable, { id: unreadable, projectId: project.id }, stores.sessions);
	await set([unreadable, 0], message(`${name} lost`), stores.sessionEvents);
	// Bad records of each kind that go to the quarantine when read.
	await set([project.id, 'bad.txt'], { data: 7, mtimeMs: 1 }, stores.files);
	await set([project.id, 'bad-draft.txt'], 'junk', stores.drafts);
	await set([chat.id, 1], { type: 'launch-missiles' }, stores.sessionEvents);
	await listSessions(project.id);
	await loadProjectSnapshot(project.id);
	await loadProjectDrafts(project.id);
	await loadSessionEvents(chat.id);
	return { id: project.id, sessionIds: [chat.id, unreadable] };
}

/** A chat whose meta is unreadable and still in place (not listed since it was written). */
async function addUnlistedChat(project: { id: string; sessionIds: string[] }): Promise<void> {
	const stores = getStores();
	const unlisted = `${project.id}-unlisted-chat`;
	await set(unlisted, { id: unlisted, projectId: project.id, title: 7 }, stores.sessions);
	await set([unlisted, 0], message('unlisted'), stores.sessionEvents);
	project.sessionIds.push(unlisted);
}

/** Every key and value of every store, as text, to look for what names a project. */
async function everythingStored(): Promise<string[]> {
	const stores = getStores();
	const all: string[] = [];
	for (const name of Object.keys(stores) as (keyof KilnStores)[]) {
		for (const [key, value] of await entries(stores[name])) {
			all.push(`${name} ${JSON.stringify(key)} ${JSON.stringify(value)}`);
		}
	}
	return all;
}

describe('deleteProject', () => {
	it('leaves nothing of the project in any store, and everything of the others', async () => {
		const doomed = await fullProject('doomed');
		const kept = await fullProject('kept');
		await addUnlistedChat(doomed);
		await addUnlistedChat(kept);
		expect(await listQuarantined()).toHaveLength(8);

		await deleteProject(doomed.id);

		const left = await everythingStored();
		const mentions = (ids: string[]) => left.filter((line) => ids.some((id) => line.includes(id)));
		expect(mentions([doomed.id, ...doomed.sessionIds])).toEqual([]);
		expect(await listQuarantined()).toHaveLength(4);
		// The other project is untouched: its files, chats, drafts, rules and quarantined records.
		expect((await loadProjectSnapshot(kept.id)).files).toEqual({ 'a.txt': 'kept' });
		expect((await listSessions(kept.id)).map((session) => session.id)).toEqual([
			kept.sessionIds[0]
		]);
		expect(await loadProjectDrafts(kept.id)).toHaveLength(1);
		expect(await loadPermissionRules(kept.id)).toHaveLength(1);
		expect(mentions(kept.sessionIds).length).toBeGreaterThan(0);
	});
});
