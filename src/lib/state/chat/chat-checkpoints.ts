import { CheckpointChangeSource, type ChangeSource } from '../changes';
import { captureWorkspace, TurnCheckpoints, type CheckpointWorkspace } from '../checkpoints';
import { ChatRewind, type RewindHost } from './chat-rewind.svelte';

/** What a chat's checkpoints, its "Changes" source and its rewind need of the chat. */
export interface ChatCheckpointsHost extends Omit<RewindHost, 'workspace' | 'checkpoints'> {
	readonly files: CheckpointWorkspace | undefined;
}

/**
 * The checkpoints a chat takes around its turns, and what is built on them: the source of the
 * "Changes" review and the rewind. One place, so the chat session only calls them.
 */
export function chatCheckpoints(host: ChatCheckpointsHost): {
	checkpoints: TurnCheckpoints;
	changeSource: ChangeSource;
	rewind: ChatRewind;
} {
	const { projectId, files } = host;
	const checkpoints: TurnCheckpoints = new TurnCheckpoints({
		projectId,
		workspace: files,
		onProblem: (message) => host.setNotice({ tone: 'warning', message }),
		onTurnStart: () => rewind.dismissUndo()
	});
	const changeSource = new CheckpointChangeSource({
		projectId,
		sessionId: () => host.sessionId(),
		currentFiles: async () => (files ? await captureWorkspace(files) : { files: {}, stats: {} }),
		settled: () => checkpoints.settled()
	});
	const rewind = new ChatRewind({ ...host, workspace: files, checkpoints });
	return { checkpoints, changeSource, rewind };
}
