/**
 * The one place that decides how an agent over a project is put together: its session context
 * (AGENTS.md and the project map, frozen at session start), the memory it re-reads after a
 * compaction, its provider, its subagent runner (so `task` works everywhere) and its permission
 * layer. The app's state layer, the CLI and the bench differ only in what they pass in: where
 * events go, the log, the runtime, how a person is asked.
 */
import {
	createProvider,
	type Provider,
	type ProviderConfig,
	type ProviderOptions,
	type RetryOptions
} from '../providers';
import type { Runtime } from '../runtime';
import type { ToolWorkspace } from '../tools';
import { Agent, type AgentOptions } from './agent';
import type { ModelInfo } from './context/models';
import type { ContextPolicy } from './context/policy';
import { DEFAULT_MODE, type PermissionSetup } from './permissions';
import { loadProjectMemory } from './project';
import { sessionContextFor } from './session-context-ahead';
import type { SessionLog } from './session-log';
import { createSubagentRunner, type SubagentRunnerOptions } from './subagents';
import type { AgentMode, LiveEvent, SessionEvent } from './types';

export interface ProjectAgentInput {
	/** Which provider and model (and the person's context window, if they set one). */
	config: ProviderConfig;
	/**
	 * A ready-made provider for `config` (the bench's recording wrapper, a test's script). Absent:
	 * created from `config` with `providerOptions`.
	 */
	provider?: Provider;
	providerOptions?: ProviderOptions;
	/** The project's files. */
	workspace: ToolWorkspace;
	/** The CURRENT runtime: it can change mid-session (browser → WebContainer). */
	runtime: () => Runtime;
	/** The session's events; earlier turns found here are continued (resume). */
	log: SessionLog;
	/** Rules, how to ask the person, where "Always allow" rules go (absent: nobody can be asked). */
	permissions?: PermissionSetup;
	/**
	 * The mode subagents are weighed by. Default: the agent's own (its log and pending switch);
	 * the app passes the chat's, which it writes to the log itself.
	 */
	mode?: () => AgentMode;
	/**
	 * The app: the project map of a session's first turn counts with what is here (the tokenizer,
	 * or about four characters a token while it loads) instead of waiting for the tokenizer, so
	 * the first send of a page goes at once. The CLI and the bench wait, for exact maps.
	 */
	mapWithoutWaiting?: boolean;
	/** What the person changed in the editor since the last turn (the app only). */
	userEdits?: () => Promise<string | null | undefined>;
	/** Window and prices, when they are known better than the model table (a bench, a test). */
	modelInfo?: ModelInfo;
	contextPolicy?: Partial<ContextPolicy>;
	retry?: Partial<RetryOptions>;
	/** A subagent's live events, for its task card or log line. */
	onSubagentEvent?(subagentId: string, event: LiveEvent): void;
	/** A subagent's transcript once it ended (stored beside its parent session). */
	storeSubagentTranscript?(subagentId: string, events: readonly SessionEvent[]): Promise<void>;
	/** The IDE's preview (the preview tool); the CLI and the bench have none. */
	preview?: AgentOptions['preview'];
	/** Most tokens one screenshot may cost (a setting, read per call). */
	screenshotTokens?: AgentOptions['screenshotTokens'];
	/** Stop the agent's background processes when a turn ends or is stopped (the CLI). */
	stopProcessesAfterTurn?: boolean;
	/** Seam for tests: builds the subagent runner. */
	createSubagentRunner?: typeof createSubagentRunner;
}

/** The options of the Agent `createProjectAgent` builds (for front ends that wrap the Agent). */
export function projectAgentOptions(
	input: ProjectAgentInput,
	agentMode: () => AgentMode = () => DEFAULT_MODE
): AgentOptions {
	const { config, workspace, runtime, log } = input;
	const provider = input.provider ?? createProvider(config, input.providerOptions);
	const permissions = input.permissions;
	const runSubagent = (input.createSubagentRunner ?? createSubagentRunner)({
		provider,
		providerId: config.provider,
		model: config.model,
		workspace,
		runtime,
		...(input.retry ? { retry: input.retry } : {}),
		...subagentHooks(input),
		...previewOf(input),
		// A general subagent's edits and commands are weighed (and asked about) like the parent's.
		permissions: { ...permissions, mode: input.mode ?? agentMode }
	});
	return {
		provider,
		providerId: config.provider,
		model: config.model,
		workspace,
		runtime,
		log,
		runSubagent,
		processReminders: true,
		...(input.stopProcessesAfterTurn ? { stopProcessesAfterTurn: true } : {}),
		...previewOf(input),
		...(permissions ? { permissions } : {}),
		...(input.retry ? { retry: input.retry } : {}),
		...(input.contextPolicy ? { contextPolicy: input.contextPolicy } : {}),
		...withModelInfo(input),
		...(config.reasoning ? { reasoning: config.reasoning } : {}),
		sessionContext: () =>
			sessionContextFor(workspace, { countNow: input.mapWithoutWaiting ?? false }),
		projectMemory: () => loadProjectMemory(workspace),
		...(input.userEdits ? { userEdits: input.userEdits } : {})
	};
}

/** The agent over a project, with everything wired as the app, the CLI and the bench share it. */
export function createProjectAgent(input: ProjectAgentInput): Agent {
	// The subagents follow the parent's mode, which only exists once the Agent does.
	const agent: Agent = new Agent(projectAgentOptions(input, () => agent.mode));
	return agent;
}

function subagentHooks(input: ProjectAgentInput): Pick<SubagentRunnerOptions, 'onEvent' | 'store'> {
	const { onSubagentEvent, storeSubagentTranscript } = input;
	return {
		...(onSubagentEvent ? { onEvent: onSubagentEvent } : {}),
		...(storeSubagentTranscript ? { store: storeSubagentTranscript } : {})
	};
}

function previewOf(input: ProjectAgentInput): Pick<AgentOptions, 'preview' | 'screenshotTokens'> {
	return {
		...(input.preview ? { preview: input.preview } : {}),
		...(input.screenshotTokens ? { screenshotTokens: input.screenshotTokens } : {})
	};
}

/** An explicit ModelInfo wins; else the person's window, applied over the catalog at each turn. */
function withModelInfo(
	input: ProjectAgentInput
): Pick<AgentOptions, 'modelInfo' | 'contextWindow' | 'imagesAccepted'> {
	const images = input.config.images;
	const accepted = images !== undefined ? { imagesAccepted: images } : {};
	if (input.modelInfo) return { modelInfo: input.modelInfo, ...accepted };
	const window = input.config.contextWindow;
	return { ...(window ? { contextWindow: window } : {}), ...accepted };
}
