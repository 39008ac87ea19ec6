/**
 * The IDE's chat with the agent over an open project: the person's edits between turns, and the
 * runtime the tools run in. The rest of the agent (memory, project map, subagents, permissions)
 * is put together by createProjectAgent, as in the CLI and the bench.
 */
import { trackUserEdits } from '../../agent/light';
import { whenIdle, type BackgroundProcesses, type Runtime } from '../../runtime';
import { warmNewestCheckpoint } from '../../storage';
import type { Workspace } from '../../workspace';
import type { ModelSettings } from '../settings/model-settings.svelte';
import { prefetchAgent } from './agent-loader';
import { ChatSession } from './chat-session.svelte';
import type { ChatSessionOptions } from './chat-session-options';
import type { ChatSessionStore } from './session-store';

export interface ProjectChatOptions {
	projectId: string;
	workspace: Workspace;
	/** The project session: its runtime changes when WebContainer takes over. */
	session: {
		readonly runtime: Runtime | null | undefined;
		readonly runtimeReady?: Promise<unknown>;
		/** The chat's storage (with the newest chat's reads started); IndexedDB's by default. */
		readonly chatStore?: ChatSessionStore | undefined;
	};
	settings: ModelSettings;
	/** The IDE's preview, which the agent's preview tool drives. */
	preview?: ChatSessionOptions['preview'];
	/** Most tokens one screenshot may cost (a setting). */
	screenshotTokens?: ChatSessionOptions['screenshotTokens'];
}

/**
 * A chat left (a new one, another opened): what its agent left running in the background stops;
 * what the person started keeps running. A failed kill is already shown by the Processes panel,
 * which still lists the process.
 */
export function stopAgentProcesses(processes: BackgroundProcesses | undefined): void {
	void processes?.killAll((info) => info.startedBy === 'agent').catch(() => {});
}

/** Opens the chat; `dispose` stops watching the person's edits. */
export function openProjectChat({
	projectId,
	workspace,
	session,
	settings,
	preview,
	screenshotTokens
}: ProjectChatOptions): {
	chat: ChatSession;
	dispose(): void;
} {
	// The person's edits between turns reach the model as diffs; the agent's own writes don't.
	const userEdits = trackUserEdits(workspace);
	const chat = new ChatSession({
		projectId,
		workspace,
		files: workspace,
		userEdits: () => userEdits.collectUserEdits(),
		onLiveEvent: (event) => {
			const done = event.type === 'persisted' ? event.event : null;
			if (done?.type === 'tool-result' && done.ok && done.metadata?.path) {
				if (done.name === 'write' || done.name === 'edit' || done.name === 'read') {
					userEdits.markAgentWrite(done.metadata.path);
				}
			}
		},
		runtime: () => {
			if (!session.runtime)
				throw new Error('The runtime is not ready yet. Wait a moment, then send again.');
			return session.runtime;
		},
		runtimeReady: () => session.runtimeReady ?? Promise.resolve(),
		onSessionLeft: () => stopAgentProcesses(session.runtime?.processes),
		settings,
		...(session.chatStore ? { store: session.chatStore } : {}),
		...(preview ? { preview } : {}),
		...(screenshotTokens ? { screenshotTokens } : {})
	});
	// The first send should not wait for the agent's code, the tokenizer, the catalog or the SDK:
	// fetched in idle time now that the IDE is up (the SDK of the provider the settings name).
	const newChatFiles = () => (chat.sessionId === null ? workspace : undefined);
	void settings.loadStored().then(
		() =>
			prefetchAgent(
				() => (settings.problem === undefined ? settings.config : undefined),
				newChatFiles
			),
		() => prefetchAgent(() => undefined, newChatFiles)
	);
	// A turn starts with a checkpoint, compared with the newest one: read now, not in the send.
	whenIdle(() => void warmNewestCheckpoint(projectId).catch(() => {}), { timeoutMs: 10_000 });
	return { chat, dispose: () => userEdits.dispose() };
}
