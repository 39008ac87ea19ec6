import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBrowserRuntime } from '../../../../src/lib/runtime/browser';
import type { Runtime } from '../../../../src/lib/runtime/types';
import { restoreCheckpoint, type CheckpointWorkspace } from '../../../../src/lib/state/checkpoints';
import { openWorkspace, type Workspace } from '../../../../src/lib/workspace';

/**
 * A rewind records its new conversation once restoreCheckpoint resolves; a page closed between
 * the two must not find the chat rewound over files still waiting to be saved.
 */
describe('restoreCheckpoint waits until the restored files are stored', () => {
	let runtime: Runtime;
	let workspace: Workspace;

	beforeEach(async () => {
		runtime = await createBrowserRuntime({ files: { 'a.txt': 'new\n', 'b.txt': 'added\n' } });
		workspace = await openWorkspace({ projectId: 'p1', runtime });
	});
	afterEach(async () => {
		workspace.dispose();
		await runtime.dispose();
	});

	/** The workspace, with a flush that ends only when `saved` settles. */
	function withSaves(saved: () => Promise<void>): CheckpointWorkspace & { flushes: number } {
		const held = {
			flushes: 0,
			allFiles: () => workspace.allFiles(),
			listDir: (path: string) => workspace.listDir(path),
			peekText: (path: string) => workspace.peekText(path),
			readBytes: (path: string) => workspace.readBytes(path),
			writeFile: (path: string, content: string | Uint8Array) => workspace.writeFile(path, content),
			remove: (path: string) => workspace.remove(path),
			mkdir: (path: string) => workspace.mkdir(path),
			getFile: (path: string) => workspace.getFile(path),
			idle: () => workspace.idle(),
			flush: async () => {
				held.flushes++;
				await workspace.flush();
				await saved();
			}
		};
		return held;
	}

	it('resolves only after the saves, with the files as the checkpoint has them', async () => {
		let save!: () => void;
		const gate = new Promise<void>((resolve) => (save = resolve));
		const held = withSaves(() => gate);
		let restored = false;
		const restoring = restoreCheckpoint(held, { files: { 'a.txt': 'old\n' }, dirs: [] }).then(
			(result) => {
				restored = true;
				return result;
			}
		);
		await vi.waitFor(() => expect(held.flushes).toBe(1));
		expect(workspace.peekText('a.txt')).toBe('old\n');
		expect(workspace.exists('b.txt')).toBe(false);
		await Promise.resolve();
		expect(restored).toBe(false);
		save();
		await expect(restoring).resolves.toEqual({ written: 1, removed: 1 });
	});

	it('rejects when the files could not be saved, saying why', async () => {
		const held = withSaves(() => Promise.reject(new Error('The disk is full.')));
		await expect(
			restoreCheckpoint(held, { files: { 'a.txt': 'old\n', 'b.txt': 'added\n' }, dirs: [] })
		).rejects.toThrow('The disk is full.');
	});
});
