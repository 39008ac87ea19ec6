import {
	branchSession,
	copyCheckpoint,
	deleteSession,
	getSession,
	listCheckpoints,
	loadCheckpoint,
	loadSessionEvents,
	retitleSession,
	type CheckpointMeta
} from '../../storage';
import {
	describeSkipped,
	restoreCheckpoint,
	type CheckpointWorkspace,
	type TurnCheckpoints
} from '../checkpoints';
import type { ChatNoticeMessage } from './memory-file';
import { messageOf } from '../../errors';

/** What a rewind takes back: the files, the conversation, or both. */
export type RewindMode = 'files-and-conversation' | 'conversation' | 'files';

/** The choice the person is asked for (dialog "Rewind"). */
export interface RewindRequest {
	readonly turnIndex: number;
	/** The message being rewound. */
	readonly text: string;
	/** A checkpoint of the files before that message exists (otherwise only the conversation). */
	readonly canRewindFiles: boolean;
	/** "node_modules and 3 ignored files are not checkpointed…", or null. */
	readonly skippedNote: string | null;
}

/** What "Undo rewind" puts back. */
export interface RewindUndo {
	readonly message: string;
	/** The before-rewind checkpoint, when files were rewound. */
	readonly filesCheckpointId?: string;
	readonly conversation?: {
		readonly original: string;
		readonly originalTitle: string;
		readonly branch: string;
		readonly branchEvents: number;
	};
}

/** What a rewind needs of the chat it belongs to. */
export interface RewindHost {
	readonly projectId: string;
	isRunning(): boolean;
	sessionId(): string | null;
	readonly workspace: CheckpointWorkspace | undefined;
	readonly checkpoints: TurnCheckpoints;
	openSession(id: string): Promise<void>;
	setNotice(notice: ChatNoticeMessage | null): void;
}

export const BEFORE_REWIND_SUFFIX = ' (before rewind)';
const RUNNING = 'A turn is running: stop it first (Stop, or Esc in the chat), then rewind.';

/**
 * Rewinding the open chat to before one of the person's messages. Never deletes: the files of
 * the moment before are a checkpoint of their own, and the whole conversation stays in Sessions
 * as "… (before rewind)" while the open chat continues from a copy of its part before the
 * message. "Undo rewind" puts both back.
 */
export class ChatRewind {
	/** The open choice (the dialog shows while set). */
	pending = $state.raw<RewindRequest | null>(null);
	/** A rewind or its undo is under way. */
	busy = $state(false);
	/** The last rewind, until it is undone or dismissed. */
	undo = $state.raw<RewindUndo | null>(null);
	/** Text to put back into the composer (the rewound message); the panel takes it and clears it. */
	composerText = $state<string | null>(null);

	readonly #host: RewindHost;

	constructor(host: RewindHost) {
		this.#host = host;
	}

	/** Opens the choice for the message at `turnIndex` (0-based among the person's messages). */
	async request(turnIndex: number): Promise<void> {
		const host = this.#host;
		if (host.isRunning()) return host.setNotice({ tone: 'warning', message: RUNNING });
		const sessionId = host.sessionId();
		const messages = sessionId ? await userMessages(sessionId) : [];
		const message = messages[turnIndex];
		if (!sessionId || !message) {
			return host.setNotice({
				tone: 'warning',
				message:
					messages.length === 0
						? 'There is nothing to rewind yet: this chat has no messages.'
						: `There is no message ${turnIndex + 1} in this chat (it has ${messages.length}). Use /rewind or /rewind 1 to ${messages.length}.`
			});
		}
		await host.checkpoints.settled();
		const start = await turnStart(host.projectId, sessionId, turnIndex);
		this.pending = {
			turnIndex,
			text: message.text,
			canRewindFiles: start !== undefined && host.workspace !== undefined,
			skippedNote: start ? describeSkipped(start.skipped) : null
		};
	}

	/** `/rewind` (the last message) or `/rewind N` (the N-th, counted from 1). */
	async command(number: number | null): Promise<{ reason: 'command' }> {
		this.#host.setNotice(null);
		const sessionId = this.#host.sessionId();
		const count = sessionId ? (await userMessages(sessionId)).length : 0;
		await this.request(number === null ? count - 1 : number - 1);
		return { reason: 'command' };
	}

	cancel(): void {
		this.pending = null;
	}

	dismissUndo(): void {
		this.undo = null;
	}

	/** Carries out the person's choice for the pending request. */
	async choose(mode: RewindMode): Promise<void> {
		const request = this.pending;
		this.pending = null;
		if (!request || this.busy) return;
		const host = this.#host;
		if (host.isRunning()) return host.setNotice({ tone: 'warning', message: RUNNING });
		this.busy = true;
		try {
			this.undo = await this.#rewind(request, mode);
			if (mode !== 'files') this.composerText = request.text;
			host.setNotice(null);
		} catch (error) {
			host.setNotice({
				tone: 'error',
				message: `The rewind did not happen: ${messageOf(error)}`
			});
		} finally {
			this.busy = false;
		}
	}

	/** Puts back the files and the conversation of the moment before the last rewind. */
	async undoRewind(): Promise<void> {
		const undo = this.undo;
		const host = this.#host;
		if (!undo || this.busy) return;
		if (host.isRunning()) return host.setNotice({ tone: 'warning', message: RUNNING });
		this.busy = true;
		try {
			if (undo.filesCheckpointId) {
				const before = await loadCheckpoint(undo.filesCheckpointId);
				if (!before) throw new Error('the checkpoint of your files before the rewind is gone');
				// The files now are kept too: undoing must not lose what was done since.
				await host.checkpoints.beforeRewind(host.sessionId());
				await restoreCheckpoint(requireWorkspace(host), before);
			}
			const conversation = undo.conversation;
			if (conversation) {
				await retitleSession(conversation.original, conversation.originalTitle, { touch: true });
				// The branch goes only when nothing was said in it since: nothing is ever lost.
				const said = await loadSessionEvents(conversation.branch);
				if (said.length <= conversation.branchEvents) await deleteSession(conversation.branch);
				await host.openSession(conversation.original);
			}
			this.undo = null;
			host.setNotice({ tone: 'info', message: 'The rewind was undone.' });
		} catch (error) {
			host.setNotice({
				tone: 'error',
				message: `The rewind could not be undone: ${messageOf(error)}. Your files and chats are as they were before you pressed Undo rewind.`
			});
		} finally {
			this.busy = false;
		}
	}

	async #rewind(request: RewindRequest, mode: RewindMode): Promise<RewindUndo> {
		const host = this.#host;
		const sessionId = host.sessionId();
		if (!sessionId) throw new Error('this chat has no messages yet.');
		const { turnIndex } = request;
		let filesCheckpointId: string | undefined;
		if (mode !== 'conversation') {
			const workspace = requireWorkspace(host);
			const start = await turnStart(host.projectId, sessionId, turnIndex);
			if (!start) {
				throw new Error(
					`no checkpoint of your files was taken before message ${turnIndex + 1}. Choose "Conversation only" instead.`
				);
			}
			const files = await loadCheckpoint(start.id);
			if (!files) throw new Error(`the checkpoint before message ${turnIndex + 1} is gone.`);
			const before = await host.checkpoints.beforeRewind(sessionId);
			filesCheckpointId = before.id;
			await restoreCheckpoint(workspace, files);
		}
		let conversation: RewindUndo['conversation'];
		if (mode !== 'files') conversation = await branchConversation(host, sessionId, turnIndex);
		const what =
			mode === 'files'
				? 'the files'
				: mode === 'conversation'
					? 'the conversation'
					: 'the files and the conversation';
		const kept = conversation
			? ` The whole conversation is kept in Sessions as “${conversation.originalTitle}${BEFORE_REWIND_SUFFIX}”.`
			: '';
		return {
			message: `Rewound ${what} to before message ${turnIndex + 1}.${kept}`,
			...(filesCheckpointId !== undefined && { filesCheckpointId }),
			...(conversation !== undefined && { conversation })
		};
	}
}

/**
 * The open chat continues from a copy of its events before the message, with copies of the
 * checkpoints of the turns before it; the original, whole, is retitled "… (before rewind)".
 */
async function branchConversation(
	host: RewindHost,
	sessionId: string,
	turnIndex: number
): Promise<NonNullable<RewindUndo['conversation']>> {
	const events = await loadSessionEvents(sessionId);
	let seen = -1;
	const cut = events.findIndex((event) => event.type === 'user-message' && ++seen === turnIndex);
	if (cut === -1) throw new Error(`there is no message ${turnIndex + 1} in this chat.`);
	const meta = await getSession(sessionId);
	if (!meta) throw new Error('this chat no longer exists (deleted in another tab?).');
	const originalTitle = meta.title;
	const branch = await branchSession(sessionId, cut, originalTitle);
	await retitleSession(sessionId, `${originalTitle}${BEFORE_REWIND_SUFFIX}`);
	for (const checkpoint of await listCheckpoints(host.projectId, sessionId)) {
		if (checkpoint.turnIndex !== undefined && checkpoint.turnIndex < turnIndex) {
			await copyCheckpoint(checkpoint.id, branch.id);
		}
	}
	await host.openSession(branch.id);
	return { original: sessionId, originalTitle, branch: branch.id, branchEvents: cut };
}

async function userMessages(sessionId: string): Promise<{ text: string }[]> {
	const events = await loadSessionEvents(sessionId);
	return events.flatMap((event) => (event.type === 'user-message' ? [{ text: event.text }] : []));
}

async function turnStart(
	projectId: string,
	sessionId: string,
	turnIndex: number
): Promise<CheckpointMeta | undefined> {
	return (await listCheckpoints(projectId, sessionId)).findLast(
		(meta) => meta.reason === 'turn-start' && meta.turnIndex === turnIndex
	);
}

function requireWorkspace(host: RewindHost): CheckpointWorkspace {
	if (!host.workspace) throw new Error('this chat has no project files to rewind.');
	return host.workspace;
}
