import type { WorkspaceApi } from '../../workspace';
import type { FileChange } from './change-source';

/** The part of the workspace a revert reads and writes through. */
export type RevertWorkspace = Pick<
	WorkspaceApi,
	'exists' | 'isDirectory' | 'readBytes' | 'writeFile' | 'remove'
>;

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

const encoder = new TextEncoder();

/** The file is as it was before the change (again): a finished turn still lists it. */
export async function isReverted(workspace: RevertWorkspace, change: FileChange): Promise<boolean> {
	const present = workspace.exists(change.path) && !workspace.isDirectory(change.path);
	if (change.before === null) return !present;
	if (!present) return false;
	try {
		const now = await workspace.readBytes(change.path);
		const before =
			typeof change.before === 'string' ? encoder.encode(change.before) : change.before;
		return now.byteLength === before.byteLength && now.every((byte, i) => byte === before[i]);
	} catch {
		return false;
	}
}

/** Of `changes`, the paths already back as they were before. */
export async function revertedPaths(
	workspace: RevertWorkspace,
	changes: readonly FileChange[]
): Promise<ReadonlySet<string>> {
	const flags = await Promise.all(changes.map((change) => isReverted(workspace, change)));
	return new Set(changes.filter((_, i) => flags[i]).map((change) => change.path));
}

export const NO_PATHS: ReadonlySet<string> = new Set();
