import type { CheckpointFileStat, CheckpointSkip, FileData } from '$lib/storage';
import type { Workspace } from '$lib/workspace';

/** What checkpoints read of the project and, to restore one, write. */
export type CheckpointWorkspace = Pick<
	Workspace,
	'allFiles' | 'listDir' | 'peekText' | 'readBytes' | 'writeFile' | 'remove' | 'mkdir' | 'getFile'
> &
	Partial<Pick<Workspace, 'idle' | 'flush'>>;

/** The project's files as a checkpoint keeps them. */
export interface WorkspaceCapture {
	readonly files: Record<string, FileData>;
	readonly stats: Record<string, CheckpointFileStat>;
	/** Folders that are not ignored (empty ones included), parents first. */
	readonly dirs: string[];
	readonly skipped: CheckpointSkip[];
}

/** A file this large is left out (and said so): a checkpoint per turn must stay cheap. */
export const MAX_CHECKPOINT_FILE_BYTES = 16 * 1024 * 1024;

/**
 * Waits until changes made by commands have reached the workspace: the runtime reports them
 * through watch, a moment after the command, and the workspace reconciles them in its queue.
 */
export async function settleWorkspace(workspace: CheckpointWorkspace): Promise<void> {
	await workspace.idle?.();
	// Watch events are delivered in a later task than the write that caused them.
	await new Promise((resolve) => setTimeout(resolve, 0));
	await workspace.idle?.();
}

/**
 * Reads the project's files as they are now: text from the workspace's index (no copy through
 * the runtime), bytes from the runtime. node_modules, .git and ignored files are left out and
 * listed in `skipped`.
 */
export async function captureWorkspace(workspace: CheckpointWorkspace): Promise<WorkspaceCapture> {
	await settleWorkspace(workspace);
	const files: Record<string, FileData> = {};
	const stats: Record<string, CheckpointFileStat> = {};
	const skipped: CheckpointSkip[] = [];
	const dirs: string[] = [];
	walkDirs(workspace, '', dirs, skipped);
	const binaries: string[] = [];
	for (const file of workspace.allFiles()) {
		if (file.ignored) {
			skipped.push({ path: file.path, reason: 'ignored' });
			continue;
		}
		if (file.size > MAX_CHECKPOINT_FILE_BYTES) {
			skipped.push({ path: file.path, reason: 'too-large' });
			continue;
		}
		stats[file.path] = { size: file.size, mtimeMs: file.mtimeMs };
		const text =
			!file.binary && file.textIsExact !== false ? workspace.peekText(file.path) : undefined;
		if (text !== undefined) files[file.path] = text;
		else binaries.push(file.path);
	}
	await Promise.all(
		binaries.map(async (path) => {
			files[path] = await workspace.readBytes(path);
		})
	);
	return { files, stats, dirs, skipped };
}

function walkDirs(
	workspace: CheckpointWorkspace,
	dir: string,
	dirs: string[],
	skipped: CheckpointSkip[]
): void {
	for (const node of workspace.listDir(dir)) {
		if (node.type !== 'directory') continue;
		if (node.name === 'node_modules') {
			skipped.push({ path: node.path, reason: 'node_modules' });
			continue;
		}
		if (node.ignored) {
			// Ignored files inside are listed one by one from allFiles; the folder itself is not kept.
			continue;
		}
		dirs.push(node.path);
		walkDirs(workspace, node.path, dirs, skipped);
	}
}

/** "node_modules and 3 ignored files are not checkpointed", or null when nothing was left out. */
export function describeSkipped(skipped: readonly CheckpointSkip[]): string | null {
	const modules = skipped.some((skip) => skip.reason === 'node_modules');
	const ignored = skipped.filter((skip) => skip.reason === 'ignored').length;
	const large = skipped.filter((skip) => skip.reason === 'too-large').length;
	const parts: string[] = [];
	if (modules) parts.push('node_modules');
	if (ignored > 0) parts.push(`${ignored} ignored ${ignored === 1 ? 'file' : 'files'}`);
	if (large > 0) parts.push(`${large} ${large === 1 ? 'file' : 'files'} over 16 MB`);
	if (parts.length === 0) return null;
	const list =
		parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
	const single = parts.length === 1 && (modules || ignored + large === 1);
	return single
		? `${list} is not checkpointed: a rewind leaves it as it is.`
		: `${list} are not checkpointed: a rewind leaves them as they are.`;
}
