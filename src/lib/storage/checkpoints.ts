/**
 * Checkpoints: the project's files at a moment (before each user turn, after it, before a
 * rewind), stored content-addressed: a blob is kept once however many checkpoints hold it, so a
 * turn that changes one file costs about that file.
 *
 * CONTRACT (issue 8): the signatures below are shared by the rewind, the "Changes" review, the
 * storage benchmark and the crash-safety suite. The bodies are filled in on branch i8-checkpoints.
 */
import type { FileData } from './project-files';

export type CheckpointReason = 'turn-start' | 'turn-end' | 'before-rewind';

/** What a checkpoint left out, and why (said to the person, never silently). */
export interface CheckpointSkip {
	readonly path: string;
	readonly reason: 'node_modules' | 'ignored' | 'too-large';
}

export interface CheckpointMeta {
	readonly id: string;
	readonly projectId: string;
	/** The chat it belongs to; null for one taken outside a chat. */
	readonly sessionId: string | null;
	readonly reason: CheckpointReason;
	/** Index of the user turn in the session (0, 1, 2…) it was taken for; absent for a rewind's. */
	readonly turnIndex?: number;
	readonly createdAt: number;
	readonly fileCount: number;
	readonly totalBytes: number;
	/** Bytes of blobs this checkpoint added (the ones no earlier checkpoint held). */
	readonly newBytes: number;
	readonly skipped: readonly CheckpointSkip[];
}

export interface CreateCheckpointInput {
	readonly sessionId: string | null;
	readonly reason: CheckpointReason;
	readonly turnIndex?: number;
	/** path → content of every file the checkpoint keeps (caller leaves out node_modules etc.) */
	readonly files: Readonly<Record<string, FileData>>;
	readonly dirs?: readonly string[];
	readonly skipped?: readonly CheckpointSkip[];
}

export interface LoadedCheckpoint {
	readonly meta: CheckpointMeta;
	readonly files: Record<string, FileData>;
	readonly dirs: string[];
}

export function createCheckpoint(
	projectId: string,
	input: CreateCheckpointInput
): Promise<CheckpointMeta> {
	void projectId;
	void input;
	return Promise.reject(new Error('Checkpoints are not implemented yet.'));
}

/** The project's checkpoints (only one session's when `sessionId` is given), oldest first. */
export function listCheckpoints(projectId: string, sessionId?: string): Promise<CheckpointMeta[]> {
	void projectId;
	void sessionId;
	return Promise.resolve([]);
}

export function loadCheckpoint(checkpointId: string): Promise<LoadedCheckpoint | undefined> {
	void checkpointId;
	return Promise.resolve(undefined);
}

/** Removes every checkpoint of the project and the blobs no other project's checkpoint holds. */
export function deleteProjectCheckpoints(projectId: string): Promise<void> {
	void projectId;
	return Promise.resolve();
}
