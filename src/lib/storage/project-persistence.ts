import { normalizePath } from '../runtime';
import type { WorkspacePersistence } from '../workspace';
import { applyFileOps, type FileOp } from './project-files';
import { getProject, noteProjectEdited } from './projects';
import { SaveQueue, type SaveQueueState } from './save-queue';
import { clauseOf, messageOf } from '../errors';

export type { SaveQueueState } from './save-queue';

/** The workspace's persistence hook for one project, with what a page needs to show its state. */
export interface ProjectPersistence extends WorkspacePersistence {
	readonly projectId: string;
	/** Writes waiting, and why they are waiting (see SaveQueue). */
	readonly state: SaveQueueState;
	subscribe(listener: (state: SaveQueueState) => void): () => void;
	retryNow(): void;
}

export interface ProjectPersistenceOptions {
	/** Seam for tests: how a batch is committed (storage's applyFileOps by default). */
	apply?: (projectId: string, ops: readonly FileOp[]) => Promise<number>;
	retryDelayMs?: (attempt: number) => number;
}

/**
 * The workspace's persistence hook for one project. Calls made in the same tick are written in
 * one IndexedDB transaction, in call order (a tool that writes twenty files costs one commit). A
 * failed commit is kept and retried, never dropped (SaveQueue); the project's size and "edited"
 * time follow each commit.
 */
export function projectPersistence(
	projectId: string,
	options: ProjectPersistenceOptions = {}
): ProjectPersistence {
	const apply = options.apply ?? applyFileOps;
	let bytesDelta = 0;
	let noting = false;

	// One meta update at a time; the bytes of commits made meanwhile go into the next one.
	const noteEdited = async () => {
		if (noting) return;
		noting = true;
		try {
			do {
				const delta = bytesDelta;
				bytesDelta = 0;
				// The list's size and date are a convenience: a deleted project must not fail a save.
				await noteProjectEdited(projectId, delta).catch(() => {});
			} while (bytesDelta !== 0);
		} finally {
			noting = false;
		}
	};

	const queue = new SaveQueue({
		retryDelayMs: options.retryDelayMs,
		describe: (cause) =>
			new Error(
				isQuotaError(cause)
					? "the browser's storage is full"
					: `the browser's storage refused the write (${messageOf(cause)})`,
				{ cause }
			),
		// A project deleted meanwhile (in another tab) has nowhere to keep these writes.
		gone: async () => (await getProject(projectId).catch(() => true)) === undefined,
		goneError: () => new Error('This project was deleted, so its changes could not be saved.'),
		apply: async (ops) => {
			const delta = await apply(projectId, ops);
			bytesDelta += delta;
			void noteEdited();
		}
	});

	const enqueue = (op: FileOp): Promise<void> => {
		try {
			// A path no commit could ever store is refused now, not retried for ever.
			normalizePath(op.path);
		} catch (cause) {
			return Promise.reject(
				new Error(
					`Could not save “${op.path}”: ${clauseOf(cause)}. ` +
						'Keep files inside the project folder.',
					{ cause }
				)
			);
		}
		return queue.enqueue(op);
	};

	return {
		projectId,
		get state() {
			return queue.state;
		},
		subscribe: (listener) => queue.subscribe(listener),
		retryNow: () => queue.retryNow(),
		putFile: (path, data, mtimeMs) => enqueue({ op: 'putFile', path, data, mtimeMs }),
		putDir: (path) => enqueue({ op: 'putDir', path, mtimeMs: Date.now() }),
		deleteTree: (path) => enqueue({ op: 'deleteTree', path })
	};
}

function isQuotaError(error: unknown): boolean {
	return (
		typeof error === 'object' &&
		error !== null &&
		(error as { name?: unknown }).name === 'QuotaExceededError'
	);
}
