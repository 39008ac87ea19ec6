import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBrowserRuntime } from '../../../../src/lib/runtime/browser';
import type { Runtime } from '../../../../src/lib/runtime/types';
import { captureWorkspace, type CheckpointWorkspace } from '../../../../src/lib/state/checkpoints';
import { openWorkspace, type Workspace } from '../../../../src/lib/workspace';

/**
 * A capture is read in slices, so the page keeps the thread; a write that lands between two
 * slices must not leave a checkpoint holding half the project before it and half after.
 */
describe('captureWorkspace', () => {
	let runtime: Runtime;
	let workspace: Workspace;

	beforeEach(async () => {
		runtime = await createBrowserRuntime({
			files: { 'a.txt': 'a1\n', 'src/b.txt': 'b1\n', 'node_modules/x/i.js': '' },
			dirs: ['empty']
		});
		workspace = await openWorkspace({ projectId: 'p1', runtime });
	});
	afterEach(async () => {
		workspace.dispose();
		await runtime.dispose();
	});

	/**
	 * The workspace, where reading `src/b.txt` first writes both files (as the agent or another
	 * tab could between two slices) `writes` times, then returns what is there.
	 */
	function writingWhileRead(writes: number): CheckpointWorkspace & { reads: () => number } {
		let reads = 0;
		let left = writes;
		return {
			reads: () => reads,
			get revision() {
				return workspace.revision;
			},
			allFiles: () => workspace.allFiles(),
			listDir: (path: string) => workspace.listDir(path),
			peekText: (path: string) => {
				if (path === 'src/b.txt') {
					reads++;
					if (left > 0) {
						left--;
						const round = writes - left + 1;
						void workspace.writeFile('a.txt', `a${round}\n`);
						void workspace.writeFile('src/b.txt', `b${round}\n`);
					}
				}
				return workspace.peekText(path);
			},
			readBytes: (path: string) => workspace.readBytes(path),
			writeFile: (path: string, content: string | Uint8Array) => workspace.writeFile(path, content),
			remove: (path: string) => workspace.remove(path),
			mkdir: (path: string) => workspace.mkdir(path),
			getFile: (path: string) => workspace.getFile(path),
			idle: () => workspace.idle()
		};
	}

	it('keeps the files, folders and what it left out, as they are', async () => {
		const capture = await captureWorkspace(workspace);
		expect(capture.files).toEqual({ 'a.txt': 'a1\n', 'src/b.txt': 'b1\n' });
		expect(capture.dirs).toEqual(['empty', 'src']);
		expect(capture.skipped).toEqual([{ path: 'node_modules', reason: 'node_modules' }]);
		expect(Object.keys(capture.stats).sort()).toEqual(['a.txt', 'src/b.txt']);
	});

	it('reads the project again when it changed while it was read, so no capture is half old', async () => {
		const project = writingWhileRead(1);
		const capture = await captureWorkspace(project);
		expect(capture.files).toEqual({ 'a.txt': 'a2\n', 'src/b.txt': 'b2\n' });
		expect(project.reads()).toBe(2);
	});

	it('reads it in one go at the last try when it keeps changing, and stops there', async () => {
		const project = writingWhileRead(5);
		const capture = await captureWorkspace(project);
		expect(project.reads()).toBe(3);
		// What the last reading saw: the same round of writes in both files.
		const round = (capture.files['a.txt'] as string).slice(1);
		expect(capture.files['src/b.txt']).toBe(`b${round}`);
	});
});
