import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
	createProjectFromFiles,
	parseSessionDocument,
	sessionToJson
} from '../../../src/lib/share';
import * as storage from '../../../src/lib/storage';
import { freshIndexedDb } from '../storage/reset';
import { sampleEvents } from './session-fixture';

beforeEach(async () => {
	vi.restoreAllMocks();
	await freshIndexedDb();
});

describe('createProjectFromFiles', () => {
	it('creates the project with its files, empty folders and conversation', async () => {
		const session = parseSessionDocument(
			sessionToJson({ title: 'Blue', createdAt: 5, events: sampleEvents() })
		);
		const id = await createProjectFromFiles({
			name: 'imported',
			files: { 'a.txt': 'hi', 'bin/x.dat': new Uint8Array([0, 1, 255]) },
			dirs: ['empty/inner'],
			session
		});
		const project = await storage.getProject(id);
		expect(project).toMatchObject({ name: 'imported', template: 'import' });
		const snapshot = await storage.loadProjectSnapshot(id);
		expect(snapshot.files['a.txt']).toBe('hi');
		expect(Array.from(snapshot.files['bin/x.dat'] as Uint8Array)).toEqual([0, 1, 255]);
		expect(snapshot.dirs).toContain('empty/inner');
		const [meta] = await storage.listSessions(id);
		expect(meta).toMatchObject({ title: 'Blue', provider: 'anthropic', model: 'claude-test' });
		expect(await storage.loadSessionEvents(meta!.id)).toEqual(sampleEvents());
	});

	it('leaves nothing behind when the conversation cannot be saved', async () => {
		const events = sampleEvents();
		// An event IndexedDB cannot clone: the session write fails part-way.
		const broken = { ...events[1], bad: () => 1 } as unknown as (typeof events)[number];
		const session = parseSessionDocument(
			sessionToJson({ title: 'Blue', createdAt: 5, events: sampleEvents() })
		);
		await expect(
			createProjectFromFiles({
				name: 'half',
				files: { 'a.txt': 'hi' },
				session: { ...session, events: [events[0]!, broken, events[2]!] }
			})
		).rejects.toThrow(/Nothing was kept/);
		expect(await storage.listProjects()).toEqual([]);
	});
});
