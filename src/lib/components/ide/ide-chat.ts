/**
 * The IDE's chat with the agent, wired to the project: the session context (memory and map),
 * the person's edits between turns, and the runtime the tools run in.
 */
import { formatSessionContext } from '$lib/agent';
import { buildProjectMap, loadProjectMemory, trackUserEdits } from '$lib/agent/project';
import type { ProjectSession } from '$lib/state';
import { ChatSession } from '$lib/state/chat';
import type { ModelSettings } from '$lib/state/settings';
import type { Workspace } from '$lib/workspace';

export interface IdeChatOptions {
	projectId: string;
	workspace: Workspace;
	session: ProjectSession;
	settings: ModelSettings;
}

/** Opens the chat; `dispose` stops watching the person's edits. */
export function openIdeChat({ projectId, workspace: ws, session, settings }: IdeChatOptions): {
	chat: ChatSession;
	dispose(): void;
} {
	// The person's edits between turns reach the model as diffs; the agent's own writes don't.
	const userEdits = trackUserEdits(ws);
	const chat = new ChatSession({
		projectId,
		workspace: ws,
		files: ws,
		agentContext: {
			sessionContext: async () =>
				formatSessionContext({
					memory: await loadProjectMemory(ws),
					map: await buildProjectMap(ws, { maxTokens: 2000 })
				}),
			projectMemory: () => loadProjectMemory(ws),
			userEdits: async () => userEdits.collectUserEdits()
		},
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
		settings
	});
	return { chat, dispose: () => userEdits.dispose() };
}
