import {
	createCheckpoint,
	type CheckpointMeta,
	type CheckpointReason,
	type CreateCheckpointInput
} from '$lib/storage';
import type { SessionEvent } from '$lib/agent';
import { captureWorkspace, type CheckpointWorkspace } from './capture';
import { messageOf } from '$lib/errors';

/** The turn a 'turn-start' checkpoint was taken for: its 'turn-end' one gets the same. */
export interface TurnHandle {
	readonly sessionId: string | null;
	/** Index of the person's message among the session's messages (0, 1, 2…). */
	readonly turnIndex: number;
}

export interface TurnCheckpointsOptions {
	readonly projectId: string;
	/** None: checkpoints are off (a chat without a project's files, in tests). */
	readonly workspace: CheckpointWorkspace | undefined;
	/** A checkpoint could not be taken: said to the person; the turn goes on. */
	readonly onProblem: (message: string) => void;
	/** A turn begins (a rewind's "Undo" is no longer offered). */
	readonly onTurnStart?: () => void;
	/** Seam for tests. */
	readonly create?: (projectId: string, input: CreateCheckpointInput) => Promise<CheckpointMeta>;
}

/**
 * The checkpoints a chat takes around each user turn. The files are read before the turn starts
 * (from memory: milliseconds) so the agent cannot change them first; hashing and storing happen
 * behind the turn, one checkpoint after another, and a failure never stops the turn.
 */
export class TurnCheckpoints {
	readonly #options: TurnCheckpointsOptions;
	#writing: Promise<unknown> = Promise.resolve();

	constructor(options: TurnCheckpointsOptions) {
		this.#options = options;
	}

	get enabled(): boolean {
		return this.#options.workspace !== undefined;
	}

	/**
	 * Before the person's next message (`events`: the session's log so far). Resolves once the
	 * files are read; storing them goes on in the background. Never rejects.
	 */
	async beforeTurn(
		sessionId: string | null,
		events: readonly SessionEvent[] = []
	): Promise<TurnHandle> {
		const turn = { sessionId, turnIndex: userTurnCount(events) };
		this.#options.onTurnStart?.();
		await this.#take(sessionId, 'turn-start', turn.turnIndex);
		return turn;
	}

	/** After the turn ended, however it ended: catches what commands changed too. Never rejects. */
	afterTurn(turn: TurnHandle): Promise<void> {
		return this.#take(turn.sessionId, 'turn-end', turn.turnIndex);
	}

	/** The files now, stored before a rewind changes them. Throws when that is not possible. */
	async beforeRewind(sessionId: string | null): Promise<CheckpointMeta> {
		const workspace = this.#requireWorkspace();
		await this.settled();
		const capture = await captureWorkspace(workspace);
		const write = this.#create(sessionId, 'before-rewind', undefined, capture);
		this.#writing = write.catch(() => {});
		return write;
	}

	/** Resolves when every checkpoint asked for so far is stored (or failed). */
	async settled(): Promise<void> {
		let tail: Promise<unknown>;
		do {
			tail = this.#writing;
			await tail;
		} while (tail !== this.#writing);
	}

	async #take(
		sessionId: string | null,
		reason: CheckpointReason,
		turnIndex: number
	): Promise<void> {
		const workspace = this.#options.workspace;
		if (!workspace) return;
		let capture: Awaited<ReturnType<typeof captureWorkspace>>;
		try {
			capture = await captureWorkspace(workspace);
		} catch (error) {
			this.#options.onProblem(problem(reason, error));
			return;
		}
		this.#writing = this.#writing
			.then(() => this.#create(sessionId, reason, turnIndex, capture))
			.catch((error: unknown) => this.#options.onProblem(problem(reason, error)));
	}

	#create(
		sessionId: string | null,
		reason: CheckpointReason,
		turnIndex: number | undefined,
		capture: Awaited<ReturnType<typeof captureWorkspace>>
	): Promise<CheckpointMeta> {
		const create = this.#options.create ?? createCheckpoint;
		return create(this.#options.projectId, {
			sessionId,
			reason,
			...(turnIndex !== undefined && { turnIndex }),
			files: capture.files,
			stats: capture.stats,
			dirs: capture.dirs,
			skipped: capture.skipped
		});
	}

	#requireWorkspace(): CheckpointWorkspace {
		const workspace = this.#options.workspace;
		if (!workspace) throw new Error('this chat has no project files to checkpoint');
		return workspace;
	}
}

function problem(reason: CheckpointReason, error: unknown): string {
	const when = reason === 'turn-start' ? 'before this turn' : 'after this turn';
	const why = messageOf(error);
	return (
		`Your files could not be checkpointed ${when} (${why}), so rewinding to it may not be ` +
		'possible. The turn itself is not affected; if this repeats, check the storage space in your browser.'
	);
}

/** How many messages the person has sent in a session: the index the next one gets. */
export function userTurnCount(events: readonly SessionEvent[]): number {
	return events.filter((event) => event.type === 'user-message').length;
}
