/**
 * The agent's vocabulary, shared by the loop, the chat UI and the CLI.
 *
 * The loop persists SessionEvents (src/lib/session, where storage can read them too) and emits
 * LiveEvents while a step streams (text as it arrives, tool calls as they run); the UI shows
 * those at once and the log keeps the settled result.
 */
import type { SessionEvent, AgentError } from '../session';
import type { TodoItem } from '../tools';

export type {
	AgentError,
	AgentMode,
	RequestLayer,
	RequestLayerName,
	RequestSnapshot,
	SessionEvent,
	TurnEndReason
} from '../session';

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
	/** After each step and each compaction: how full the context is and what the session cost. */
	| {
			readonly type: 'context-status';
			/** Tokens of the newest request plus its answer. */
			readonly used: number;
			/** The model's context window. */
			readonly window: number;
			/** read / (input + write + read) over the session; 0 before any usage. */
			readonly cacheReadShare: number;
			/** Session cost so far; 0 for models without known prices. */
			readonly costUsd: number;
	  }
	/** A compaction started (ends with a persisted 'compaction' event, or a 'compaction-failed'). */
	| { readonly type: 'compacting'; readonly manual: boolean }
	/** The compaction could not finish; the session goes on uncompacted. */
	| { readonly type: 'compaction-failed'; readonly error: AgentError }
	/** Every persisted event is also announced, after it was written. */
	| { readonly type: 'persisted'; readonly event: SessionEvent };

/** The settled state of a tool call, as the chat card shows it. */
export type ToolCallState = 'pending' | 'running' | 'completed' | 'error';
