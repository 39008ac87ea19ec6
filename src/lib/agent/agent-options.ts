import type {
	ProviderId,
	Provider,
	ReasoningEffort,
	RetryOptions,
	ToolDefinition,
	Usage
} from '../providers';
import type { Runtime } from '../runtime';
import type { SessionImage } from '../session';
import type {
	PreviewPort,
	SubagentReport,
	SubagentRequest,
	TodoItem,
	ToolWorkspace
} from '../tools';
import type { ModelInfo } from './context/models';
import type { ContextPolicy } from './context/policy';
import type { PermissionCheck, PermissionSetup } from './permissions';
import type { SessionLog } from './session-log';
import type { AgentError, LiveEvent, TurnEndReason } from './types';

export interface AgentOptions {
	/** From createProvider(config). */
	provider: Provider;
	providerId: ProviderId;
	model: string;
	/** The project's files (a Workspace; tests may pass a double). */
	workspace: ToolWorkspace;
	/** The CURRENT runtime: it can change mid-session (browser → WebContainer). */
	runtime: () => Runtime;
	/** The session's events; earlier turns found here are continued (resume). */
	log: SessionLog;
	/** Model steps per turn. Default 200. */
	maxSteps?: number;
	/** Failing tool calls in a row that end the turn. Default 5. */
	maxConsecutiveToolFailures?: number;
	/** Output tokens per step. Default 8192. */
	maxTokens?: number;
	/** Passed to the providers' retry helper (tests inject `sleep`). */
	retry?: Partial<RetryOptions>;
	onTodos?(todos: readonly TodoItem[]): void;
	/** The tools the model gets, in this order. Default: the registry's toolDefinitions(). */
	tools?: readonly ToolDefinition[];
	/**
	 * Window and prices of the model. Default: the model table (context/models.ts); pass one for
	 * a local model whose window the person set, or a small window in tests.
	 */
	modelInfo?: ModelInfo;
	/**
	 * The window the person set for this model (Settings' "Context window", a local model):
	 * applied over the catalog's entry when a turn looks the model up, so the catalog's prices
	 * (loaded on demand) still count. Ignored when `modelInfo` is given.
	 */
	contextWindow?: number;
	/**
	 * The person's setting for whether this model accepts images (ProviderConfig.images); absent:
	 * what Kiln knows of the model (context/images.ts), and notes for a model it does not know.
	 */
	imagesAccepted?: boolean;
	/**
	 * The reasoning setting the provider applies (ProviderConfig.reasoning). A change from what
	 * the log last recorded is recorded and announced in the next user message.
	 */
	reasoning?: ReasoningEffort;
	/** When to clear and compact (defaults in context/policy.ts). */
	contextPolicy?: Partial<ContextPolicy>;
	/**
	 * The session context besides the environment (project memory, project map), computed once
	 * when a session starts and frozen in its session-start event (prompt cache).
	 */
	sessionContext?: () => Promise<string | null | undefined>;
	/** AGENTS.md as it is now: re-injected after a compaction. */
	projectMemory?: () => Promise<string | null | undefined>;
	/**
	 * What the person changed in the editor since the last turn, as diffs (undefined when
	 * nothing): sent as a reminder in the next user message, never by rewriting the prefix.
	 */
	userEdits?: () => Promise<string | null | undefined>;
	/**
	 * Background processes the agent started that ended unseen are told in its next user message
	 * (the main agent; a subagent's turn would take the notices from it).
	 */
	processReminders?: boolean;
	/**
	 * Stop the background processes the agent started when its turn ends or is stopped: the CLI,
	 * whose one turn is all there is. The app keeps them (the person looks at the dev server).
	 */
	stopProcessesAfterTurn?: boolean;
	/** Starts a subagent for the task tool; absent inside subagents (they cannot start more). */
	runSubagent?: (request: SubagentRequest) => Promise<SubagentReport>;
	/** The IDE's preview, for the preview tool; absent in the CLI and benches (it says so). */
	preview?: PreviewPort;
	/** Most tokens one screenshot may cost, read per call (a setting). */
	screenshotTokens?: () => number;
	/** A policy on top of the mode's (a subagent passes its own restrictions). */
	permission?: PermissionCheck;
	/**
	 * The front end's side of permissions: rules, how to ask the person, where "Always allow"
	 * rules go. Absent: nobody can be asked, so calls the mode would ask about are refused.
	 */
	permissions?: PermissionSetup;
}

export interface TurnOptions {
	signal: AbortSignal;
	/** Images the person attached to the message (stored with the session before it is sent). */
	images?: readonly SessionImage[];
	onEvent?: (event: LiveEvent) => void;
}

export interface TurnResult {
	reason: TurnEndReason;
	error?: AgentError;
	/** Summed over the turn's steps. */
	usage: Usage;
}

export const DEFAULT_MAX_STEPS = 200;
export const DEFAULT_MAX_CONSECUTIVE_TOOL_FAILURES = 5;
export const DEFAULT_MAX_TOKENS = 8192;

/** How a turn ended, before its usage is added. */
export type TurnEnd = { reason: TurnEndReason; error?: AgentError };
