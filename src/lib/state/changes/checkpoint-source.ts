import {
	listCheckpoints,
	loadCheckpointList,
	readCheckpointBlobs,
	type CheckpointMeta,
	type ListedCheckpoint
} from '../../storage';
import type { ChangeScope, ChangeSource, FileChange } from './change-source';
import { changesBetweenLists, changesSinceList, type FilesNow } from './list-diff';

export interface CheckpointSourceOptions {
	readonly projectId: string;
	/** The open chat; null before its first message (nothing changed in it yet). */
	readonly sessionId: () => string | null;
	/**
	 * The project's files now, as checkpoints keep them (node_modules and ignored files left
	 * out), with their sizes and times.
	 */
	readonly currentFiles: () => Promise<FilesNow>;
	/** Resolves when the checkpoints asked for so far are stored (a turn-end may be on its way). */
	readonly settled?: () => Promise<void>;
	/** How the review names a turn; "Turn N" by default. */
	readonly label?: (turnIndex: number) => string;
}

/**
 * What the open chat changed, from its checkpoints: a turn is its 'turn-start' checkpoint against
 * its 'turn-end' one (or the files now while it runs, or when it never ended: the page closed);
 * the session is its first checkpoint against the files now.
 */
export class CheckpointChangeSource implements ChangeSource {
	readonly #options: CheckpointSourceOptions;

	constructor(options: CheckpointSourceOptions) {
		this.#options = options;
	}

	async turns(): Promise<readonly { readonly turnIndex: number; readonly label: string }[]> {
		const label = this.#options.label ?? ((turnIndex: number) => `Turn ${turnIndex + 1}`);
		const indices = new Set<number>();
		for (const meta of await this.#checkpoints()) {
			if (meta.reason === 'turn-start' && meta.turnIndex !== undefined) indices.add(meta.turnIndex);
		}
		return [...indices]
			.sort((a, b) => a - b)
			.map((turnIndex) => ({ turnIndex, label: label(turnIndex) }));
	}

	async changes(scope: ChangeScope): Promise<readonly FileChange[]> {
		const metas = await this.#checkpoints();
		if (scope.kind === 'session') {
			const first = metas[0];
			if (!first) return [];
			return changesSinceList(
				(await load(first)).files,
				await this.#options.currentFiles(),
				readCheckpointBlobs
			);
		}
		const start = metas.findLast(
			(meta) => meta.reason === 'turn-start' && meta.turnIndex === scope.turnIndex
		);
		if (!start) return [];
		const end = metas.find(
			(meta) =>
				meta.reason === 'turn-end' &&
				meta.turnIndex === scope.turnIndex &&
				meta.createdAt >= start.createdAt
		);
		const before = (await load(start)).files;
		return end
			? changesBetweenLists(before, (await load(end)).files, readCheckpointBlobs)
			: changesSinceList(before, await this.#options.currentFiles(), readCheckpointBlobs);
	}

	async #checkpoints(): Promise<CheckpointMeta[]> {
		const sessionId = this.#options.sessionId();
		if (sessionId === null) return [];
		await this.#options.settled?.();
		return listCheckpoints(this.#options.projectId, sessionId);
	}
}

/** The checkpoint's file list; its content is read later, for the files that differ. */
async function load(meta: CheckpointMeta): Promise<ListedCheckpoint> {
	const loaded = await loadCheckpointList(meta.id);
	if (!loaded) {
		throw new Error(
			`The checkpoint of ${meta.turnIndex === undefined ? 'this chat' : `turn ${meta.turnIndex + 1}`} is gone (the project may have been deleted in another tab). Reload the page.`
		);
	}
	return loaded;
}
