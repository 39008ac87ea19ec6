import type { CheckpointFileStat, CheckpointSkip, FileData } from '$lib/storage';
import { timeSlices } from '$lib/runtime';
import type { Workspace } from '$lib/workspace';

/** What checkpoints read of the project and, to restore one, write. */
export type CheckpointWorkspace = Pick<
	Workspace,
	'allFiles' | 'listDir' | 'peekText' | 'readBytes' | 'writeFile' | 'remove' | 'mkdir' | 'getFile'
> &
	Partial<Pick<Workspace, 'idle' | 'flush' | 'revision'>>;

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

/** How many times a capture is read in slices before it is read in one go. */
const SLICED_ATTEMPTS = 2;

const noPause = async () => {};

/**
 * Reads the project's files as they are now: text from the workspace's index (no copy through
 * the runtime), bytes from the runtime. node_modules, .git and ignored files are left out and
 * listed in `skipped`.
 *
 * Read in slices (2,000 files were one task of ~100 ms at 4x CPU, profiled, in the send that
 * made the checkpoint), and kept consistent by the workspace's revision: when the project
 * changed meanwhile, it is read again, the last time in one go.
 */
export async function captureWorkspace(workspace: CheckpointWorkspace): Promise<WorkspaceCapture> {
	await settleWorkspace(workspace);
	for (let attempt = 1; ; attempt++) {
		const revision = workspace.revision;
		const sliced = revision !== undefined && attempt <= SLICED_ATTEMPTS;
		const capture = await readCapture(workspace, sliced ? timeSlices() : noPause);
		if (!sliced) return capture;
		// A write that began during the reading has ended (and counted) once the workspace is idle.
		await workspace.idle?.();
		if (workspace.revision === revision) return capture;
	}
}

async function readCapture(
	workspace: CheckpointWorkspace,
	pause: () => Promise<void>
): Promise<WorkspaceCapture> {
	const files: Record<string, FileData> = {};
	const stats: Record<string, CheckpointFileStat> = {};
	const skipped: CheckpointSkip[] = [];
	const dirs = await walkDirs(workspace, skipped, pause);
	const binaries: string[] = [];
	for (const file of workspace.allFiles()) {
		await pause();
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

/** The folders to keep, parents first (depth first, as listed), node_modules noted in `skipped`. */
async function walkDirs(
	workspace: CheckpointWorkspace,
	skipped: CheckpointSkip[],
	pause: () => Promise<void>
): Promise<string[]> {
	const dirs: string[] = [];
	const visit = async (dir: string): Promise<void> => {
		await pause();
		for (const node of workspace.listDir(dir)) {
			if (node.type !== 'directory') continue;
			if (node.name === 'node_modules') {
				skipped.push({ path: node.path, reason: 'node_modules' });
				continue;
			}
			// Ignored files inside are listed one by one from allFiles; the folder itself is not kept.
			if (node.ignored) continue;
			dirs.push(node.path);
			await visit(node.path);
		}
	};
	await visit('');
	return dirs;
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
