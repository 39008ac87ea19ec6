import type { AgentOptions, TurnResult } from '../../agent';
import type { createSubagentRunner } from '../../agent/subagents';
import type { AgentMode, LiveEvent } from '../../agent';
import type { Provider, ProviderConfig } from '../../providers';
import type { Runtime } from '../../runtime';
import type { SessionImage } from '../../session';
import type { ToolWorkspace } from '../../tools';
import type { CheckpointWorkspace } from '../checkpoints';
import type { PermissionRules } from '../permissions';
import type { ModelSettings } from '../settings/model-settings.svelte';
import type { ChatSessionStore } from './session-store';
import type { ReducerOptions } from './transcript-reducer';

/** The part of an Agent a chat drives. */
export interface TurnRunner {
	runTurn(
		text: string,
		options: {
			signal: AbortSignal;
			onEvent?: (event: LiveEvent) => void;
			images?: readonly SessionImage[];
		}
	): Promise<TurnResult>;
	/** The one way the mode changes (see Agent.setMode). */
	setMode(mode: AgentMode): Promise<void>;
}

export interface ChatSessionOptions {
	projectId: string;
	workspace: ToolWorkspace;
	/**
	 * The project's files for checkpoints (before and after each turn) and rewinding; usually the
	 * same workspace. Without it the chat takes no checkpoints and can rewind only the conversation.
	 */
	files?: CheckpointWorkspace;
	/** The current runtime; it can change mid-session (offline → WebContainer). */
	runtime: () => Runtime;
	/**
	 * Resolves once `runtime()` has one to give: the chat is usable before the runtime starts, and
	 * a message sent meanwhile waits here rather than fails. Absent: the runtime is there already.
	 */
	runtimeReady?: () => Promise<unknown>;
	/**
	 * Called when the chat leaves its session (a new chat, another one opened): the IDE stops the
	 * processes that session's agent started in the background, so none outlives its chat.
	 */
	onSessionLeft?: () => void;
	settings: ModelSettings;
	/** Seams for tests. */
	store?: ChatSessionStore;
	createProvider?: (config: ProviderConfig) => Provider;
	createAgent?: (options: AgentOptions) => TurnRunner;
	reducer?: ReducerOptions;
	/**
	 * Runs subagents for the task tool; their live events go to the task's card. Default:
	 * createSubagentRunner with the session's provider and workspace.
	 */
	createSubagentRunner?: typeof createSubagentRunner;
	/**
	 * The person's edits in the editor since the last turn, as diffs (openProjectChat tracks
	 * them). The rest of the agent's context (memory, project map) is createProjectAgent's.
	 */
	userEdits?: AgentOptions['userEdits'];
	/** Every live event of a turn, after the transcript took it (e.g. to track the agent's writes). */
	onLiveEvent?: (event: LiveEvent) => void;
	/** The IDE's preview, for the agent's preview tool (absent: the tool says there is none). */
	preview?: AgentOptions['preview'];
	/** Most tokens one screenshot of the preview may cost (a setting, read per call). */
	screenshotTokens?: AgentOptions['screenshotTokens'];
	/** The project's permission rules (shared with Settings). Default: stored in IndexedDB. */
	permissionRules?: PermissionRules;
}

export type SendResult =
	/** No usable model: the page opens Settings with this explanation. */
	| { readonly needsSettings: string }
	/** The turn ran to this end. */
	| { readonly needsSettings?: undefined; readonly reason: TurnResult['reason'] }
	/** Nothing was sent: an empty message, or a turn is still running. */
	| { readonly needsSettings?: undefined; readonly reason: 'empty' | 'busy' }
	/** A chat command (/remember) was handled here; `notice` says how it went. */
	| { readonly needsSettings?: undefined; readonly reason: 'command' };
