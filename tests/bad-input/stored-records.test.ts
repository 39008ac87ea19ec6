/**
 * Corrupted IndexedDB records, one kind at a time: each is written beside good records, read back
 * through the app's storage functions, and the row says what Kiln did with it (what the reader
 * returned, what went to the quarantine store, and the notice text the person would see).
 */
import 'fake-indexeddb/auto';
import { set } from 'idb-keyval';
import { beforeEach, describe, expect, test } from 'vitest';
import {
	appendSessionEvent,
	createProject,
	createSession,
	dismissSetAside,
	getCheckedSetting,
	getProject,
	getSchemaVersion,
	listProjects,
	listQuarantined,
	listSessions,
	loadProjectSnapshot,
	loadSessionEvents,
	loadSubagentTranscript,
	openStorage,
	setAsideSummaries,
	storeSubagentTranscript,
	subagentTranscriptId
} from '../../src/lib/storage';
import type { SessionEvent } from '../../src/lib/agent/types';
import { getStores } from '../../src/lib/storage/stores';
import { ModelSettings } from '../../src/lib/state/settings';
import { recordRow } from '../suite-table/row';
import { freshIndexedDb } from '../unit/storage/reset';

beforeEach(async () => {
	await freshIndexedDb();
	dismissSetAside();
});

const userMessage = (text: string): SessionEvent => ({
	type: 'user-message',
	id: `u-${text}`,
	at: 1,
	text
});

/** What the person and the quarantine store saw, as one sentence for the row. */
async function outcome(kept: string): Promise<string> {
	const quarantined = await listQuarantined();
	const notice = setAsideSummaries()
		.map((summary) => summary.message)
		.join(' ');
	const reasons = quarantined.map((record) => `${record.store} (${record.reason})`).join('; ');
	return `${kept}; set aside ${quarantined.length}: ${reasons}; notice: “${notice}”`;
}

describe('corrupted records', () => {
	test('a project meta with a wrong-typed name', async ({ task }) => {
		const good = await createProject({ name: 'good', template: 'blank', files: {} });
		await set('bad-1', { id: 'bad-1', name: 42, template: 'blank' }, getStores().projects);
		const listed = await listProjects();
		expect(listed.map((project) => project.id)).toEqual([good.id]);
		expect(await getProject('bad-1')).toBeUndefined();
		const quarantined = await listQuarantined();
		expect(quarantined).toMatchObject([{ kind: 'project', key: 'bad-1', store: 'projects' }]);
		expect(setAsideSummaries()[0]?.message).toMatch(/^1 project could not be read/);
		recordRow(task, {
			input: 'project record {id, name: 42} beside a good project',
			'what Kiln did': await outcome(`project list showed ${listed.length} (“${listed[0]?.name}”)`)
		});
	});

	test('a project record that is not an object at all', async ({ task }) => {
		await createProject({ name: 'good', template: 'blank', files: {} });
		await set('junk', 'not a project', getStores().projects);
		await set('null', null, getStores().projects);
		const listed = await listProjects();
		expect(listed).toHaveLength(1);
		expect(await listQuarantined()).toHaveLength(2);
		recordRow(task, {
			input: "project records 'not a project' and null",
			'what Kiln did': await outcome(`project list showed ${listed.length}`)
		});
	});

	test('a project meta stored under another id', async ({ task }) => {
		const good = await createProject({ name: 'good', template: 'blank', files: {} });
		await set('other', { ...good, name: 'copy' }, getStores().projects);
		const listed = await listProjects();
		expect(listed.map((project) => project.name)).toEqual(['good']);
		recordRow(task, {
			input: 'a project meta whose id differs from its key',
			'what Kiln did': await outcome(`project list showed ${listed.map((p) => p.name).join(', ')}`)
		});
	});

	test('project files: a bad entry and a key that climbs out of the project', async ({ task }) => {
		const project = await createProject({
			name: 'p',
			template: 'blank',
			files: { 'index.html': '<h1>ok</h1>', 'src/a.ts': 'export {}' }
		});
		const files = getStores().files;
		await set([project.id, 'broken.txt'], { data: 7, mtimeMs: 1 }, files);
		await set([project.id, '../escape.txt'], { data: 'x', mtimeMs: 1 }, files);
		await set([project.id, 'nodata.txt'], { mtimeMs: 1 }, files);
		const snapshot = await loadProjectSnapshot(project.id);
		expect(Object.keys(snapshot.files).sort()).toEqual(['index.html', 'src/a.ts']);
		expect(await listQuarantined()).toHaveLength(3);
		expect(setAsideSummaries()[0]?.message).toMatch(/^3 files could not be read/);
		recordRow(task, {
			input: "file records {data: 7}, {no data}, and key [id, '../escape.txt']",
			'what Kiln did': await outcome(
				`project opened with ${Object.keys(snapshot.files).join(', ')}`
			)
		});
	});

	test('a chat (session meta) with a missing title', async ({ task }) => {
		const project = await createProject({ name: 'p', template: 'blank', files: {} });
		const good = await createSession(project.id, { provider: 'anthropic', model: 'm' });
		await set('s-bad', { id: 's-bad', projectId: project.id }, getStores().sessions);
		const sessions = await listSessions(project.id);
		expect(sessions.map((session) => session.id)).toEqual([good.id]);
		recordRow(task, {
			input: 'session meta {id, projectId} without title, provider, model or times',
			'what Kiln did': await outcome(`chat list showed ${sessions.length}`)
		});
	});

	test('chat events: a bad one in the middle, and one of an unknown type', async ({ task }) => {
		const project = await createProject({ name: 'p', template: 'blank', files: {} });
		const session = await createSession(project.id, { provider: 'anthropic', model: 'm' });
		await appendSessionEvent(session.id, 0, userMessage('first'));
		await set([session.id, 1], { type: 'user-message', text: 5 }, getStores().sessionEvents);
		await set([session.id, 2], { type: 'launch-missiles' }, getStores().sessionEvents);
		await appendSessionEvent(session.id, 3, userMessage('last'));
		const events = await loadSessionEvents(session.id);
		expect(events.map((event) => (event.type === 'user-message' ? event.text : ''))).toEqual([
			'first',
			'last'
		]);
		recordRow(task, {
			input:
				"events {type: 'user-message', text: 5} and {type: 'launch-missiles'} between good ones",
			'what Kiln did': await outcome(`chat showed ${events.length} events`)
		});
	});

	test('a subagent transcript with a broken event', async ({ task }) => {
		await storeSubagentTranscript('s1', 'a1', [userMessage('task'), userMessage('done')]);
		const id = subagentTranscriptId('s1', 'a1');
		await set([id, 1], { type: 'assistant-step', message: 'oops' }, getStores().sessionEvents);
		const transcript = await loadSubagentTranscript('s1', 'a1');
		expect(transcript).toHaveLength(1);
		recordRow(task, {
			input: "subagent transcript event {type: 'assistant-step', message: 'oops'}",
			'what Kiln did': await outcome(`transcript showed ${transcript.length} event`)
		});
	});

	test('the model settings replaced by a string', async ({ task }) => {
		await openStorage();
		await set('model-config', 'garbage', getStores().settings);
		const settings = new ModelSettings();
		await settings.load();
		expect(settings.error).toBeNull();
		expect(settings.config.provider).toBe('anthropic');
		expect(await getCheckedSetting('model-config', (await import('zod')).z.object({}))).toBe(
			undefined
		);
		recordRow(task, {
			input: "setting 'model-config' = 'garbage'",
			'what Kiln did': await outcome(
				`Settings opened with defaults (provider ${settings.config.provider}, no error)`
			)
		});
	});

	test('the stored schema version replaced by text', async ({ task }) => {
		await openStorage();
		await set('schemaVersion', 'seven', getStores().meta);
		const version = await getSchemaVersion();
		expect(version).toBe(0);
		expect(await listQuarantined()).toMatchObject([{ kind: 'schema-version', value: 'seven' }]);
		recordRow(task, {
			input: "meta 'schemaVersion' = 'seven'",
			'what Kiln did': await outcome(`read as version ${version}, upgrades run again`)
		});
	});
});
