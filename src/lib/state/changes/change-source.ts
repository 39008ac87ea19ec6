import type { FileData } from '../../storage';

/**
 * CONTRACT (issue 8) between the checkpoints (branch i8-checkpoints, which implements a
 * ChangeSource over them) and the "Changes" review region (branch i8-changes, which renders one).
 */
export interface FileChange {
	readonly path: string;
	readonly status: 'added' | 'modified' | 'deleted';
	/** The content before the change; null when the file was added. */
	readonly before: FileData | null;
	/** The content after it; null when the file was deleted. */
	readonly after: FileData | null;
}

/** One user turn of the open chat (index into its turns, 0-based), or the whole chat. */
export type ChangeScope =
	{ readonly kind: 'turn'; readonly turnIndex: number } | { readonly kind: 'session' };

export interface ChangeSource {
	/** Turns that have a checkpoint, so the review can offer them (newest last). */
	turns(): Promise<readonly { readonly turnIndex: number; readonly label: string }[]>;
	/** What changed in the scope: a turn's start checkpoint against its end (or the files now,
	 * while it runs or if it never ended); the session's first checkpoint against the files now. */
	changes(scope: ChangeScope): Promise<readonly FileChange[]>;
}
