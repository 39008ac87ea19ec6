import type { WorkspaceApi } from '../../workspace';
import type { FileChange } from './change-source';

/** The part of the workspace a revert writes through. */
export type RevertWorkspace = Pick<WorkspaceApi, 'exists' | 'isDirectory' | 'writeFile' | 'remove'>;

/**
 * Puts one file back as it was before the change: the exact bytes for a modified or deleted file
 * (parent folders are created again), and an added file removed.
 */
export async function revertChange(workspace: RevertWorkspace, change: FileChange): Promise<void> {
	if (workspace.isDirectory(change.path)) {
		throw new Error(`${change.path} is a folder now; move or delete that folder first`);
	}
	if (change.before === null) {
		if (workspace.exists(change.path)) await workspace.remove(change.path);
		return;
	}
	await workspace.writeFile(change.path, change.before);
}

export function messageOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
