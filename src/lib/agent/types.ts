/**
 * The agent's vocabulary, shared by the loop, session storage, the chat UI and the CLI.
 *
 * A session is an append-only log of SessionEvents (one IndexedDB key each), so closing the tab
 * at any moment loses at most the step in flight. The loop also emits LiveEvents while a step
 * streams (text as it arrives, tool calls as they run); the UI shows those at once and the log
 * keeps the settled result.
 */
import type { AssistantMessage, ProviderId, StopReason, Usage } from '../providers/types';
import type { RuntimeKind } from '../runtime/types';
import type { TodoItem, ToolMetadata } from '../tools/types';

/** Why a turn ended. */
export type TurnEndReason =
	/** The model answered without asking for tools. */
	| 'completed'
	/** The person pressed Stop (or Escape). */
	| 'aborted'
	/** The step limit (default 200) was reached. */
	| 'step-limit'
	/** Five tool calls in a row failed: the agent stops and asks. */
	| 'failure-limit'
	/** The model API failed after retries (see `error`). */
	| 'error';

export interface AgentError {
	/** ProviderError kinds plus 'internal' for bugs. */
	readonly kind: string;
	/** What happened and what to do next, for the person. */
	readonly message: string;
}

export type SessionEvent =
	| {
			readonly type: 'session-start';
			readonly at: number;
			readonly provider: ProviderId;
			readonly model: string;
			readonly runtime: RuntimeKind;
			/**
			 * The environment description (describeEnvironment) the model got for this session:
			 * frozen here so every later request sends the same bytes (prompt cache).
			 */
			readonly environment?: string;
	  }
	| {
			readonly type: 'user-message';
			readonly id: string;
			readonly at: number;
			/** What the person typed (the chat shows only this). */
			readonly text: string;
			/** The runtime active when the message was sent. */
			readonly runtime?: RuntimeKind;
			/**
			 * Context for the model only, sent before `text` in the same message (e.g. "the
			 * runtime changed"): mid-session changes travel here so the cached prefix stays intact.
			 */
			readonly reminder?: string;
	  }
	| {
			/** One model step, as it ended (complete, or cut by Stop / an error). */
			readonly type: 'assistant-step';
			readonly id: string;
			readonly at: number;
			/** 1-based within the turn. */
			readonly step: number;
			readonly message: AssistantMessage;
			readonly stopReason: StopReason;
			readonly usage: Usage;
			readonly model: string;
			/** The stream was cut before it ended (Stop, network): `message` holds what arrived. */
			readonly interrupted?: boolean;
	  }
	| {
			readonly type: 'tool-result';
			readonly at: number;
			readonly toolCallId: string;
			readonly name: string;
			readonly ok: boolean;
			/** Exactly what the model received. */
			readonly output: string;
			readonly metadata?: ToolMetadata;
			readonly durationMs: number;
	  }
	| {
			readonly type: 'turn-end';
			readonly at: number;
			readonly reason: TurnEndReason;
			readonly error?: AgentError;
			/** Sum over the turn's steps. */
			readonly usage: Usage;
	  };

/** Emitted while a turn runs; the UI renders them, the log keeps SessionEvents. */
export type LiveEvent =
	/**
	 * A model step begins. The same step number again means the step is being retried after
	 * a failure: drop the live output shown for it so far (nothing of it was persisted).
	 */
	| { readonly type: 'step-start'; readonly step: number }
	| { readonly type: 'text-delta'; readonly text: string }
	| { readonly type: 'thinking-delta'; readonly text: string }
	| { readonly type: 'tool-call-start'; readonly id: string; readonly name: string }
	| { readonly type: 'tool-call-args'; readonly id: string; readonly argsDelta: string }
	/** Arguments are complete; the call waits for its turn to run. */
	| {
			readonly type: 'tool-call-ready';
			readonly id: string;
			readonly name: string;
			readonly input: unknown;
			readonly summary: string;
	  }
	| { readonly type: 'tool-running'; readonly id: string; readonly startedAt: number }
	| { readonly type: 'tool-progress'; readonly id: string; readonly text: string }
	| { readonly type: 'todos'; readonly todos: readonly TodoItem[] }
	| {
			readonly type: 'retry';
			readonly attempt: number;
			readonly delayMs: number;
			readonly error: AgentError;
	  }
	/** Every persisted event is also announced, after it was written. */
	| { readonly type: 'persisted'; readonly event: SessionEvent };

/** The settled state of a tool call, as the chat card shows it. */
export type ToolCallState = 'pending' | 'running' | 'completed' | 'error';
