/**
 * The project's session opened as the page starts (early-session.ts): on the early reads, once the
 * IDE route's code has run, whichever of the two comes first; the IDE takes it once, and a session
 * nobody takes (or one for another project) is closed.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createProject } from '../../../src/lib/storage';

/** Fresh copies of the modules that keep the page's early state. */
async function freshPage() {
	vi.resetModules();
	const early = await import('../../../src/lib/state/early-open');
	const earlySession = await import('../../../src/lib/state/early-session');
	const page = await import('../../../src/lib/state/page-session');
	/** What src/lib/state/early-open-start.ts does as the page starts. */
	const startPage = (projectId: string, search = '') => {
		const started = early.startEarlyOpen(`/project/${encodeURIComponent(projectId)}`);
		if (started === undefined) return;
		earlySession.openEarlySession(started, search);
	};
	return { ...early, ...earlySession, ...page, startPage };
}

describe('the session opened as the page starts', () => {
	let projectId: string;
	const closing: { dispose(): Promise<void> }[] = [];

	beforeEach(async () => {
		const project = await createProject({
			name: 'Early session',
			template: 'blank',
			files: { 'a.txt': 'alpha\n' }
		});
		projectId = project.id;
	});

	afterEach(async () => {
		vi.useRealTimers();
		for (const session of closing.splice(0)) await session.dispose();
	});

	it("opens on the early reads once the route's code has run, and the IDE takes it once", async () => {
		const page = await freshPage();
		page.startPage(projectId, '?runtime=browser');
		page.openEarlySessionNow();
		// The early reads are the session's now: a session made for the project reads again.
		expect(page.takeEarlyOpen(projectId)).toBeUndefined();
		const session = page.pageSession(projectId, 'browser');
		closing.push(session);
		await session.filesReady;
		expect(await session.workspace!.readText('a.txt')).toBe('alpha\n');
		const runtime = await session.runtimeReady;
		expect((await runtime.exec('cat a.txt')).output).toContain('alpha');
		// Taken once: the next page session (a reopen) is a new one.
		const again = page.pageSession(projectId, 'browser');
		closing.push(again);
		expect(again).not.toBe(session);
	});

	it("opens as soon as the page asks when the route's code has already run", async () => {
		const page = await freshPage();
		page.openEarlySessionNow();
		page.startPage(projectId);
		expect(page.takeEarlyOpen(projectId)).toBeUndefined();
		const session = page.pageSession(projectId, 'auto');
		closing.push(session);
		expect(session.request).toBe('auto');
		// Opened once: the IDE's own call gets the opening already under way.
		expect(session.open()).toBe(session.open());
	});

	it('opens none when the IDE took the reads first', async () => {
		const page = await freshPage();
		page.startPage(projectId);
		const ide = page.pageSession(projectId, 'auto'); // nothing opened early yet: a new one
		closing.push(ide);
		void ide.open(); // takes the early reads
		page.openEarlySessionNow();
		expect(page.takeEarlySession(projectId, 'auto')).toBeUndefined();
		await ide.filesReady;
		expect(ide.workspace).not.toBeNull();
	});

	it('opens none when the page made its session before the early reads started', async () => {
		const page = await freshPage();
		page.openEarlySessionNow();
		const ide = page.pageSession(projectId, 'auto'); // the early reads' code came late
		closing.push(ide);
		page.startPage(projectId); // their reads start now, and are left for the timer to free
		expect(page.takeEarlySession(projectId, 'auto')).toBeUndefined();
		const left = page.takeEarlyOpen(projectId);
		expect(left).toBeDefined();
		left!.takeSavedSince();
		await (await left!.runtime).dispose();
	});

	it('closes the early session when the page opens another project or runtime', async () => {
		const page = await freshPage();
		const { ProjectSession } = await import('../../../src/lib/state/project-session.svelte');
		const dispose = vi.spyOn(ProjectSession.prototype, 'dispose');
		page.startPage(projectId, '?runtime=browser');
		page.openEarlySessionNow();
		const session = page.pageSession(projectId, 'webcontainer');
		closing.push(session);
		expect(session.request).toBe('webcontainer');
		expect(dispose).toHaveBeenCalledTimes(1);
		expect(dispose.mock.contexts[0]).not.toBe(session);
		expect(page.takeEarlySession(projectId, 'browser')).toBeUndefined();
	});

	it('closes a session no page took after 30 s', async () => {
		vi.useFakeTimers({ toFake: ['setTimeout'] });
		const page = await freshPage();
		const { ProjectSession } = await import('../../../src/lib/state/project-session.svelte');
		const dispose = vi.spyOn(ProjectSession.prototype, 'dispose');
		page.startPage(projectId, '?runtime=browser');
		page.openEarlySessionNow();
		vi.advanceTimersByTime(29_000);
		expect(dispose).not.toHaveBeenCalled();
		vi.advanceTimersByTime(1_000);
		expect(dispose).toHaveBeenCalledTimes(1);
		expect(page.takeEarlySession(projectId, 'browser')).toBeUndefined();
	});
});
