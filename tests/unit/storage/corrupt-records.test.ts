import 'fake-indexeddb/auto';
import { get, set } from 'idb-keyval';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
	appendSessionEvent,
	createProject,
	createSession,
	dismissSetAside,
	listProjects,
	listQuarantined,
	loadSessionEvents,
	onSetAside,
	renameProject,
	sessionLog,
	setAsideSummaries
} from '../../../src/lib/storage';
import type { SessionEvent } from '../../../src/lib/agent/types';
import { getStores } from '../../../src/lib/storage/stores';
import { freshIndexedDb } from './reset';

beforeEach(async () => {
	await freshIndexedDb();
	dismissSetAside();
});

const message = (text: string): SessionEvent => ({ type: 'user-message', id: text, at: 1, text });

describe('records that fail validation', () => {
	it('are moved to the quarantine store with key, reason and time, not destroyed', async () => {
		const bad = { id: 'p-bad', name: ['x'], template: 'blank', createdAt: 1, updatedAt: 1 };
		await createProject({ name: 'ok', template: 'blank', files: {} });
		await set('p-bad', bad, getStores().projects);
		const before = Date.now();
		expect((await listProjects()).map((p) => p.name)).toEqual(['ok']);
		const [record] = await listQuarantined();
		expect(record).toMatchObject({ kind: 'project', store: 'projects', key: 'p-bad', value: bad });
		expect(record?.reason).toMatch(/^name: /);
		expect(record?.at).toBeGreaterThanOrEqual(before);
		expect(await get('p-bad', getStores().projects)).toBeUndefined();
	});

	it('are reported once each, to listeners, until dismissed', async () => {
		const listener = vi.fn();
		const stop = onSetAside(listener);
		await set('a', 1, getStores().projects);
		await set('b', 2, getStores().projects);
		await listProjects();
		await listProjects();
		expect(listener).toHaveBeenCalledTimes(2);
		expect(setAsideSummaries()).toEqual([
			{
				kind: 'project',
				count: 2,
				message: expect.stringMatching(/^2 projects could not be read and were set aside\./)
			}
		]);
		dismissSetAside();
		expect(setAsideSummaries()).toEqual([]);
		stop();
	});

	it('never make a later append overwrite a stored event', async () => {
		const project = await createProject({ name: 'p', template: 'blank', files: {} });
		const session = await createSession(project.id, { provider: 'anthropic', model: 'm' });
		await appendSessionEvent(session.id, 0, message('zero'));
		await set([session.id, 1], { type: 'user-message' }, getStores().sessionEvents);
		await appendSessionEvent(session.id, 2, message('two'));
		const log = await sessionLog(session.id);
		expect(log.events).toHaveLength(2);
		await log.append(message('three'));
		const texts = (await loadSessionEvents(session.id)).map((e) =>
			e.type === 'user-message' ? e.text : e.type
		);
		expect(texts).toEqual(['zero', 'two', 'three']);
		expect(await get([session.id, 3], getStores().sessionEvents)).toMatchObject({ text: 'three' });
	});

	it('make renaming a broken project fail with a readable message', async () => {
		await set('p1', { id: 'p1' }, getStores().projects);
		await expect(renameProject('p1', 'new')).rejects.toThrow(/no longer exists/);
	});
});
