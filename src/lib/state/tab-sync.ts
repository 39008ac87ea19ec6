import { loadStoredPaths } from '$lib/storage';
import type { WorkspaceApi, WorkspacePersistence } from '$lib/workspace';

/**
 * The workspace's persistence as seen from a tab that may lose the project to another tab: the
 * owner's writes are stored and then announced (`onStored`, after the commit, so the other tabs
 * read the new content); a read-only tab stores nothing, since the project's storage is the
 * owner's to write.
 */
export function ownedPersistence(
	inner: WorkspacePersistence,
	options: { isOwner: () => boolean; onStored: (path: string) => void }
): WorkspacePersistence {
	const write = (path: string, task: () => Promise<void>): Promise<void> => {
		if (!options.isOwner()) return Promise.resolve();
		return task().then(() => options.onStored(path));
	};
	return {
		putFile: (path, data, mtimeMs) => write(path, () => inner.putFile(path, data, mtimeMs)),
		putDir: (path) => write(path, () => inner.putDir(path)),
		deleteTree: (path) => write(path, () => inner.deleteTree(path))
	};
}

/**
 * Brings paths another tab saved into this tab's workspace, reading their content from storage
 * (never from the message). Writes of what is already there are skipped, so nothing echoes.
 */
export async function takeInStoredPaths(
	workspace: WorkspaceApi,
	projectId: string,
	paths: readonly string[]
): Promise<void> {
	const stored = await loadStoredPaths(projectId, paths);
	for (const [path, state] of stored) {
		if (state.kind === 'missing') {
			if (workspace.exists(path)) await workspace.remove(path);
		} else if (state.kind === 'dir') {
			if (!workspace.isDirectory(path)) await workspace.mkdir(path);
		} else if (!(await sameContent(workspace, path, state.data))) {
			await workspace.writeFile(path, state.data);
		}
	}
}

async function sameContent(
	workspace: WorkspaceApi,
	path: string,
	data: string | Uint8Array
): Promise<boolean> {
	if (!workspace.exists(path) || workspace.isDirectory(path)) return false;
	try {
		if (typeof data === 'string') return (await workspace.readText(path)) === data;
		const bytes = await workspace.readBytes(path);
		return bytes.length === data.length && bytes.every((byte, index) => byte === data[index]);
	} catch {
		return false;
	}
}

const READ_ONLY_MESSAGE =
	'This project is open in another tab, so this tab cannot change files. Press "Take over" to work here.';

/**
 * The workspace with its writes refused while `isReadOnly()` holds, for the parts of the page a
 * person changes files through (the file tree). Reads pass straight through.
 */
export function guardedWorkspace(workspace: WorkspaceApi, isReadOnly: () => boolean): WorkspaceApi {
	const guard =
		<A extends unknown[]>(write: (...args: A) => Promise<void>) =>
		(...args: A): Promise<void> =>
			isReadOnly() ? Promise.reject(new Error(READ_ONLY_MESSAGE)) : write(...args);
	return {
		get projectId() {
			return workspace.projectId;
		},
		get revision() {
			return workspace.revision;
		},
		exists: (path) => workspace.exists(path),
		isDirectory: (path) => workspace.isDirectory(path),
		getFile: (path) => workspace.getFile(path),
		listDir: (path) => workspace.listDir(path),
		allFiles: () => workspace.allFiles(),
		readText: (path) => workspace.readText(path),
		readBytes: (path) => workspace.readBytes(path),
		writeFile: guard((path: string, content: string | Uint8Array) =>
			workspace.writeFile(path, content)
		),
		mkdir: guard((path: string) => workspace.mkdir(path)),
		remove: guard((path: string) => workspace.remove(path)),
		rename: guard((from: string, to: string) => workspace.rename(from, to)),
		subscribe: (listener) => workspace.subscribe(listener)
	};
}
