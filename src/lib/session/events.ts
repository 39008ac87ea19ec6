/**
 * What a session is made of, shared by the agent (which writes it) and storage (which keeps it).
 *
 * A session is an append-only log of SessionEvents (one IndexedDB key each in the app), so
 * closing the tab at any moment loses at most the step in flight.
 */
import type {
	AssistantMessage,
	ProviderId,
	ReasoningEffort,
	StopReason,
	Usage
} from '../providers';
import type { RuntimeKind } from '../runtime';
import type { ToolMetadata } from '../tools';
import type { ImageRef } from './images';

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
			/**
			 * The rest of the session context, frozen with the environment: project memory
			 * (AGENTS.md), the project map and other facts known at session start. Sent right after
			 * the environment, in the same system block.
			 */
			readonly sessionContext?: string;
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
			/** Images the person attached, sent after `text` (bytes: SessionLog.image). */
			readonly images?: readonly ImageRef[];
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
			/** Images the tool returned with `output` (a screenshot); bytes: SessionLog.image. */
			readonly images?: readonly ImageRef[];
			readonly durationMs: number;
	  }
	| {
			readonly type: 'turn-end';
			readonly at: number;
			readonly reason: TurnEndReason;
			readonly error?: AgentError;
			/** Sum over the turn's steps. */
			readonly usage: Usage;
	  }
	| {
			/**
			 * Old tool results the model no longer sees in full: from here on each is sent as a short
			 * placeholder that says how to get it back. The stored output stays untouched.
			 */
			readonly type: 'context-cleared';
			readonly at: number;
			readonly toolCallIds: readonly string[];
			/** Estimated tokens the placeholders saved. */
			readonly tokensFreed: number;
	  }
	| {
			/**
			 * The conversation was summarised. The model sees only what comes after the latest
			 * compaction (plus the session context and `summary`); the full history stays here.
			 */
			readonly type: 'compaction';
			readonly at: number;
			/** The model's summary (intent, decisions, files, errors and fixes, pending work, state). */
			readonly summary: string;
			/** What the person asked the summary to focus on (`/compact FOCUS`). */
			readonly focus?: string;
			/** True when the person asked for it; otherwise the context passed its limit. */
			readonly manual?: boolean;
			/**
			 * The model refused the request before as too long (its count and limit, when it said
			 * them): this compaction made room, and the step was sent again.
			 */
			readonly overflow?: { readonly tokens?: number; readonly limit?: number };
			/**
			 * Everything the first message after the compaction carries besides the summary: the
			 * project memory and the most recently used files, re-read at compaction time. Stored so
			 * the request can be rebuilt exactly.
			 */
			readonly reinjected?: string;
			/** Estimated context before and after. */
			readonly tokensBefore: number;
			readonly tokensAfter: number;
			/** What the summary request cost (its request event has kind 'compaction'). */
			readonly usage?: Usage;
			readonly model?: string;
	  }
	| {
			/** The person switched mode; the model hears it as a reminder in the next user message. */
			readonly type: 'mode-change';
			readonly at: number;
			readonly mode: AgentMode;
	  }
	| {
			/**
			 * The reasoning setting changed (Settings): requests from here on carry it, and the
			 * model hears of it as a reminder in the next user message. 'off': none set.
			 */
			readonly type: 'reasoning-change';
			readonly at: number;
			readonly effort: ReasoningEffort | 'off';
	  }
	| {
			/**
			 * One model request, persisted right before it was sent (for the context inspector).
			 * rebuildRequest(events, index of this event) returns exactly what was sent.
			 */
			readonly type: 'request';
			readonly at: number;
			/** The step within its turn (0 for a compaction request). */
			readonly step: number;
			readonly snapshot: RequestSnapshot;
	  };

/**
 * The permission mode (the permission layer enforces it): 'ask' waits for the person before
 * edits and commands, 'auto-edit' before commands only, 'auto' runs everything, 'plan' may only
 * read and must end with a plan. Sessions stored before these modes may hold 'normal' (= auto):
 * read modes back through storedMode().
 */
export type AgentMode = 'ask' | 'auto-edit' | 'auto' | 'plan';

/** The four layers of a request, most stable first. */
export type RequestLayerName = 'tools' | 'system' | 'session' | 'messages';

export interface RequestLayer {
	readonly name: RequestLayerName;
	/** Estimated tokens (see agent/context/tokens.ts). */
	readonly tokens: number;
	/** Tools, system blocks or message content blocks in the layer. */
	readonly blocks: number;
	/** A cache breakpoint sits at (or inside, for messages) this layer. */
	readonly breakpoint: boolean;
}

/** What the context inspector shows for one request. */
export interface RequestSnapshot {
	readonly layers: readonly RequestLayer[];
	/** Cache breakpoints in the request (at most 4). */
	readonly breakpoints: number;
	/** Sum of the layers, estimated before sending. */
	readonly estimatedInputTokens: number;
	/**
	 * The layers were counted at about four characters a token: the request went out before the
	 * tokenizer had loaded (a first send on a slow network). Shown as rough; never calibrates.
	 */
	readonly rough?: true;
	/** Images the request carried as images (not notes) and their tokens, part of the messages layer. */
	readonly images?: { readonly count: number; readonly tokens: number };
	readonly model: string;
	readonly maxTokens: number;
	/** 'compaction': the summary request of a compaction (see CompactionRequest). */
	readonly kind: 'step' | 'compaction';
	/** The compaction's focus, for kind 'compaction'. */
	readonly focus?: string;
	/** Tool names sent, in order (rebuildRequest takes their definitions from the registry). */
	readonly toolNames: readonly string[];
	/**
	 * Filled only when read back through requestUsage(): the usage is stored with the response
	 * (the next assistant-step, or the compaction event), since the log is append-only.
	 */
	readonly usage?: Usage;
}
