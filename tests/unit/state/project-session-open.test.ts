import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ProjectSession } from '../../../src/lib/state';
import { earlyFilesRead, startEarlyOpen, takeEarlyOpen } from '../../../src/lib/state/early-open';
import {
	createProject,
	getProject,
	loadProjectSnapshot,
	noteProjectEdited,
	putFile,
	type OwnershipState,
	type ProjectOwnership,
	type ProjectOwnershipOptions
} from '../../../src/lib/storage';

/** An ownership claim the test decides: `decide` settles start() with the state given. */
function heldClaim() {
	let options!: ProjectOwnershipOptions;
	let decide!: (state: OwnershipState) => void;
	const started = new Promise<OwnershipState>((resolve) => (decide = resolve));
	const ownership = {
		start: async () => {
			const state = await started;
			options.onStateChange(state);
			return state;
		},
		announceSaved: () => {},
		takeOver: async () => {},
		dispose: () => {}
	};
	return {
		make: (given: ProjectOwnershipOptions) => {
			options = given;
			return ownership as unknown as ProjectOwnership;
		},
		decide: (state: OwnershipState) => decide(state),
		/** What the real claim does when another tab announces saved files. */
		filesSaved: (paths: string[]) => options.onFilesSaved?.(paths)
	};
}

describe('ProjectSession.open, everything at once', () => {
	let projectId: string;
	const sessions: ProjectSession[] = [];

	beforeEach(async () => {
		const project = await createProject({
			name: 'Open at once',
			template: 'blank',
			files: { 'a.txt': 'alpha\n', 'src/b.ts': 'export const b = 1;\n' },
			dirs: ['empty']
		});
		projectId = project.id;
	});

	afterEach(async () => {
		for (const session of sessions.splice(0)) await session.dispose();
	});

	function session(claim: ReturnType<typeof heldClaim>) {
		const opened = new ProjectSession({ projectId, request: 'browser', ownership: claim.make });
		sessions.push(opened);
		return opened;
	}

	it('shows no files until this tab knows whether it owns the project', async () => {
		const claim = heldClaim();
		const tab = session(claim);
		const opening = tab.open();
		// Storage, the files and the runtime are all read meanwhile (a read queued after the
		// session's own is done, so the session's is too): only the claim is missing.
		await loadProjectSnapshot(projectId);
		expect(tab.workspace).toBeNull();

		claim.decide('read-only');
		const workspace = await tab.filesReady;
		expect(workspace).toBe(tab.workspace);
		expect(tab.readOnly).toBe(true);
		expect(workspace?.isDirectory('empty')).toBe(true);
		await opening;

		// Read-only from its first moment: what it writes never reaches storage.
		await workspace!.writeFile('a.txt', 'from a read-only tab\n');
		await workspace!.flush();
		expect((await loadProjectSnapshot(projectId)).files['a.txt']).toBe('alpha\n');
	});

	it('has the files before the runtime, and a shell asked for early opens once it is up', async () => {
		const claim = heldClaim();
		claim.decide('owner');
		const tab = session(claim);
		const opening = tab.open();
		const workspace = await tab.filesReady;
		expect(await workspace!.readText('src/b.ts')).toBe('export const b = 1;\n');
		const shell = await tab.openShell({ cols: 80, rows: 24 });
		await opening;
		expect(tab.runtime).toBe(await tab.runtimeReady);
		const output: string[] = [];
		shell.onData((data) => output.push(data));
		shell.write('cat a.txt\r');
		await vi.waitFor(() => expect(output.join('')).toContain('alpha'));
		shell.kill();
	});

	it('takes in what another tab saved while the files were being read', async () => {
		const claim = heldClaim();
		const tab = session(claim);
		const opening = tab.open();
		// The owner saves and announces before this tab has a workspace to take it into.
		await putFile(projectId, 'a.txt', 'saved by the owner\n');
		claim.filesSaved(['a.txt']);
		claim.decide('read-only');
		await opening;
		await vi.waitFor(async () =>
			expect(await tab.workspace!.readText('a.txt')).toBe('saved by the owner\n')
		);
	});

	it('counts as opened at once, even when the person leaves before the page settles', async () => {
		const before = (await getProject(projectId))?.openedAt ?? 0;
		const claim = heldClaim();
		claim.decide('owner');
		const tab = session(claim);
		void tab.open();
		await tab.filesReady;
		await tab.dispose();
		await vi.waitFor(async () =>
			expect((await getProject(projectId))?.openedAt ?? 0).toBeGreaterThan(before)
		);
	});

	it('heals a drifted project size from the files it opened', async () => {
		await noteProjectEdited(projectId, 1000);
		const claim = heldClaim();
		claim.decide('owner');
		const tab = session(claim);
		await tab.open();
		const stored = 'alpha\n'.length + 'export const b = 1;\n'.length;
		await vi.waitFor(async () => expect((await getProject(projectId))?.bytes).toBe(stored));
	});

	it('resolves filesReady with null when the project does not exist', async () => {
		const claim = heldClaim();
		claim.decide('owner');
		const tab = new ProjectSession({
			projectId: 'gone',
			request: 'browser',
			ownership: claim.make
		});
		sessions.push(tab);
		await tab.open();
		expect(await tab.filesReady).toBeNull();
		expect(tab.error).toMatch(/does not exist/);
	});

	describe('reads started as the page loaded (early-open.ts)', () => {
		it('opens from them, with a save another tab announced before this tab listened', async () => {
			startEarlyOpen(`/project/${encodeURIComponent(projectId)}`);
			// Another tab saves and announces while only the early reads are listening.
			await putFile(projectId, 'a.txt', 'saved while the page loaded\n');
			const otherTab = new BroadcastChannel(`kiln-project:${projectId}`);
			otherTab.postMessage({ type: 'files-saved', from: 'other-tab', paths: ['a.txt'] });
			otherTab.close();
			// Delivered asynchronously: listen on a second channel to know it has gone round.
			await new Promise<void>((resolve) => {
				const probe = new BroadcastChannel(`kiln-project:${projectId}`);
				probe.onmessage = () => {
					probe.close();
					resolve();
				};
				const sender = new BroadcastChannel(`kiln-project:${projectId}`);
				sender.postMessage({ type: 'probe', from: 'test' });
				sender.close();
			});

			const claim = heldClaim();
			claim.decide('owner');
			const tab = session(claim);
			await tab.open();
			await vi.waitFor(async () =>
				expect(await tab.workspace!.readText('a.txt')).toBe('saved while the page loaded\n')
			);
			// The early runtime is the session's: it answers, seeded from the same files.
			const result = await tab.runtime!.exec('cat src/b.ts');
			expect(result.output).toContain('export const b = 1;');
			// Taken once: a second session of the project reads again.
			expect(takeEarlyOpen(projectId)).toBeUndefined();
		});

		it('say when the record and the files are in, for the IDE to mount after them', async () => {
			await expect(earlyFilesRead()).resolves.toBeUndefined(); // none started: nothing to wait for
			startEarlyOpen(`/project/${projectId}`);
			const read = earlyFilesRead();
			const reads = takeEarlyOpen(projectId)!;
			const arrived: string[] = [];
			void reads.snapshot.then((snapshot) => arrived.push(...Object.keys(snapshot.files)));
			void reads.meta.then((meta) => arrived.push(meta!.name));
			await read;
			expect(arrived.sort()).toEqual(['Open at once', 'a.txt', 'src/b.ts']);
			await (await reads.runtime).dispose();
		});

		it('say so too when the project does not exist: the IDE mounts to tell the person', async () => {
			startEarlyOpen('/project/no-such-project');
			await expect(earlyFilesRead()).resolves.toBeUndefined();
			const reads = takeEarlyOpen('no-such-project')!;
			expect(await reads.meta).toBeUndefined();
			await (await reads.runtime).dispose();
		});

		it('starts nothing for other addresses, and frees reads taken for another project', async () => {
			startEarlyOpen('/');
			startEarlyOpen('/project/');
			startEarlyOpen('/project/%E0%A4%A');
			expect(takeEarlyOpen(projectId)).toBeUndefined();

			startEarlyOpen(`/project/${projectId}`);
			expect(takeEarlyOpen('another-project')).toBeUndefined();
			// Freed, not kept for later: the right project's session reads for itself.
			expect(takeEarlyOpen(projectId)).toBeUndefined();
		});
	});
});
