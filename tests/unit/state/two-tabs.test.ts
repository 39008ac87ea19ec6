import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ProjectSession } from '../../../src/lib/state';
import {
	createProject,
	loadProjectSnapshot,
	ProjectOwnership,
	type ChannelLike,
	type LockRequester
} from '../../../src/lib/storage';
import { FakeLocks } from '../storage/fake-locks';

/** Two ProjectSessions on one project, as two tabs of one browser would hold them. */
describe('ProjectSession in two tabs', () => {
	let projectId: string;
	const sessions: ProjectSession[] = [];
	const locks = new FakeLocks();

	beforeEach(async () => {
		const project = await createProject({
			name: 'Two tabs',
			template: 'blank',
			files: { 'a.txt': 'alpha\n' }
		});
		projectId = project.id;
	});

	afterEach(async () => {
		for (const session of sessions.splice(0)) await session.dispose();
	});

	function tab(name: string) {
		const session = new ProjectSession({
			projectId,
			request: 'browser',
			ownership: (options) =>
				new ProjectOwnership({
					...options,
					tabId: name,
					locks: locks as unknown as LockRequester,
					channel: new BroadcastChannel(`kiln-test-tabs:${projectId}`) as unknown as ChannelLike,
					handOverTimeoutMs: 500
				})
		});
		sessions.push(session);
		return session;
	}

	it('the second tab is read-only, stores nothing, and takes in what the owner saves', async () => {
		const first = tab('A');
		const second = tab('B');
		await first.open();
		await second.open();
		expect(first.readOnly).toBe(false);
		expect(second.readOnly).toBe(true);

		// A write in the read-only tab's own runtime never reaches storage.
		await second.workspace!.writeFile('a.txt', 'from the read-only tab\n');
		await second.workspace!.flush();
		expect((await loadProjectSnapshot(projectId)).files['a.txt']).toBe('alpha\n');

		await first.workspace!.writeFile('a.txt', 'saved by the owner\n');
		await first.workspace!.flush();
		await vi.waitFor(async () =>
			expect(await second.workspace!.readText('a.txt')).toBe('saved by the owner\n')
		);
		expect((await loadProjectSnapshot(projectId)).files['a.txt']).toBe('saved by the owner\n');
	});

	it('take over: the old owner hands over after storing, then the new owner saves', async () => {
		const first = tab('A');
		const second = tab('B');
		await first.open();
		await second.open();
		const handedOver: string[] = [];
		first.ownershipHooks = { beforeHandOver: async () => void handedOver.push('A stored drafts') };

		await second.takeOver();
		expect(handedOver).toEqual(['A stored drafts']);
		expect(second.readOnly).toBe(false);
		await vi.waitFor(() => expect(first.readOnly).toBe(true));

		await second.workspace!.writeFile('b.txt', 'new owner\n');
		await second.workspace!.flush();
		expect((await loadProjectSnapshot(projectId)).files['b.txt']).toBe('new owner\n');
		await vi.waitFor(async () =>
			expect(await first.workspace!.readText('b.txt')).toBe('new owner\n')
		);
	});
});
