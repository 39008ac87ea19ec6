import type { AgentMode, SessionLog } from '../../agent';
import type { PermissionSetup } from '../../agent/permissions';
import { createProvider, type ProviderConfig } from '../../providers';
import type { PermissionRules } from '../permissions';
import { loadAgentCode } from './agent-loader';
import { subagentEvent, type ChatLiveEvent } from './chat-events';
import type { ChatSessionOptions, TurnRunner } from './chat-session-options';
import type { PermissionPrompts } from './permission-prompts.svelte';
import type { ChatSessionStore } from './session-store';

/**
 * What decides whether an agent can be reused: a changed model or key gets a new agent, while
 * the log (the conversation) carries over.
 */
export function runnerKey(config: ProviderConfig): string {
	return JSON.stringify([
		config.provider,
		config.model,
		config.baseUrl,
		config.apiKey,
		config.contextWindow,
		config.reasoning
	]);
}

/**
 * How the agent asks the person: the project's rules decide first, the chat's prompts ask about
 * the rest, and "Always allow" adds a rule.
 */
export function permissionSetup(
	rules: PermissionRules,
	prompts: PermissionPrompts
): PermissionSetup {
	return {
		rules: () => rules.rules,
		prompt: prompts.ask,
		addRules: (added) => rules.add(added)
	};
}

export interface TurnRunnerInput {
	config: ProviderConfig;
	options: ChatSessionOptions;
	store: ChatSessionStore;
	log: SessionLog;
	/** The session the runner belongs to; its subagents' transcripts are stored beside it. */
	sessionId: string | null;
	permissions: PermissionSetup;
	/** The chat's mode now (a general subagent is weighed like its parent). */
	mode: () => AgentMode;
	/** False once the person opened another chat: a late subagent event must not land there. */
	isCurrent: () => boolean;
	/** Shows a live event in the chat's transcript. */
	applyLive: (event: ChatLiveEvent, model: string) => void;
}

/**
 * Builds the agent (and its subagent runner) for one session and one model setup. The agent's
 * code loads here on the first send (agent-loader.ts), unless the idle-time prefetch brought it.
 */
export async function createTurnRunner(input: TurnRunnerInput): Promise<TurnRunner> {
	const { config, options, store, log, sessionId, permissions } = input;
	const { Agent, projectAgentOptions } = await loadAgentCode();
	const agentOptions = projectAgentOptions({
		config,
		provider: (options.createProvider ?? createProvider)(config),
		workspace: options.workspace,
		runtime: options.runtime,
		log,
		permissions,
		// The chat writes mode changes to the log itself: its subagents follow the chat's mode.
		mode: input.mode,
		mapWithoutWaiting: true,
		...(options.userEdits ? { userEdits: options.userEdits } : {}),
		...(options.preview ? { preview: options.preview } : {}),
		...(options.screenshotTokens ? { screenshotTokens: options.screenshotTokens } : {}),
		...(options.createSubagentRunner ? { createSubagentRunner: options.createSubagentRunner } : {}),
		// The runner names a subagent by the task call that started it: that card shows it.
		onSubagentEvent: (subagentId, event) => {
			// Not into another chat the person opened meanwhile (see ChatSession.send()).
			if (!input.isCurrent()) return;
			input.applyLive(subagentEvent(subagentId, subagentId, event), config.model);
		},
		// Its transcript is stored beside its own session (not as a chat of its own), even
		// when it finishes after the person opened another chat.
		storeSubagentTranscript: async (subagentId, events) => {
			if (sessionId) await store.storeSubagentTranscript?.(sessionId, subagentId, events);
		}
	});
	return options.createAgent?.(agentOptions) ?? new Agent(agentOptions);
}
