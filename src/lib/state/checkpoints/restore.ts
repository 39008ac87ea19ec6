import type { LoadedCheckpoint } from '$lib/storage';
import { diffFiles } from '../changes';
import { captureWorkspace, type CheckpointWorkspace } from './capture';

export interface RestoreResult {
	readonly written: number;
	readonly removed: number;
}

/**
 * Makes the project's files exactly the checkpoint's: changed and missing files are written,
 * files it did not have are removed, and so are folders it did not have once they are empty.
 * node_modules and ignored files are never touched (the checkpoint does not hold them). Open
 * tabs with unsaved text keep it: the editor marks them changed (or removed) on disk and lets
 * the person choose, as for any change made outside the editor.
 * Resolves once the files are in storage, where the workspace keeps them there: a rewind records
 * its new conversation only after that, so a page closed mid-rewind never leaves the chat
 * rewound over files that are not.
 */
export async function restoreCheckpoint(
	workspace: CheckpointWorkspace,
	checkpoint: Pick<LoadedCheckpoint, 'files' | 'dirs'>
): Promise<RestoreResult> {
	const now = await captureWorkspace(workspace);
	let written = 0;
	let removed = 0;
	for (const change of diffFiles(now.files, checkpoint.files)) {
		if (change.after === null) {
			await workspace.remove(change.path);
			removed++;
		} else {
			await workspace.writeFile(change.path, change.after);
			written++;
		}
	}
	const keep = new Set(checkpoint.dirs);
	for (const dir of checkpoint.dirs) if (!workspace.getFile(dir)) await workspace.mkdir(dir);
	// Deepest first, so a folder emptied by removing its sub-folder goes too.
	for (const dir of [...now.dirs].reverse()) {
		if (keep.has(dir)) continue;
		if (workspace.listDir(dir).length === 0) {
			await workspace.remove(dir);
			removed++;
		}
	}
	// Rejects when a save failed: the rewind then says so instead of reporting success.
	await (workspace.flush ?? workspace.idle)?.call(workspace);
	return { written, removed };
}
