import type { WorkspacePersistence } from '../workspace/types';
import { applyFileOps, type FileOp } from './project-files';
import { touchProject } from './projects';

/** How often saving a file may move the project to the top of the list. */
const TOUCH_INTERVAL_MS = 30_000;

/**
 * The workspace's persistence hook for one project. Calls made in the same tick are written in
 * one IndexedDB transaction, in call order (a tool that writes twenty files costs one commit).
 */
export function projectPersistence(projectId: string): WorkspacePersistence {
	let queue: { op: FileOp; settle: { resolve(): void; reject(error: unknown): void } }[] = [];
	let scheduled = false;
	let lastTouch = 0;

	const commit = async () => {
		scheduled = false;
		const batch = queue;
		queue = [];
		try {
			await applyFileOps(
				projectId,
				batch.map((item) => item.op)
			);
		} catch (cause) {
			const error = new Error(
				`Could not save changes to this project in the browser's storage` +
					(isQuotaError(cause) ? ' because it is full' : '') +
					'. Free some space (delete old projects or export them), then save again.',
				{ cause }
			);
			for (const item of batch) item.settle.reject(error);
			return;
		}
		for (const item of batch) item.settle.resolve();
		if (Date.now() - lastTouch >= TOUCH_INTERVAL_MS) {
			lastTouch = Date.now();
			// The list order is a convenience: a project deleted meanwhile must not fail the save.
			await touchProject(projectId).catch(() => {});
		}
	};

	const enqueue = (op: FileOp) =>
		new Promise<void>((resolve, reject) => {
			queue.push({ op, settle: { resolve, reject } });
			if (!scheduled) {
				scheduled = true;
				queueMicrotask(() => void commit());
			}
		});

	return {
		putFile: (path, data, mtimeMs) => enqueue({ op: 'putFile', path, data, mtimeMs }),
		putDir: (path) => enqueue({ op: 'putDir', path, mtimeMs: Date.now() }),
		deleteTree: (path) => enqueue({ op: 'deleteTree', path })
	};
}

function isQuotaError(error: unknown): boolean {
	return error instanceof DOMException && error.name === 'QuotaExceededError';
}
