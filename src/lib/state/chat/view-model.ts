/**
 * What the chat shows, as plain immutable data. The transcript reducer builds it from the
 * session log (SessionEvents) and from what streams while a turn runs (LiveEvents); the
 * components render it and nothing else.
 */
import type { ProviderId } from '../../providers';
import type { RuntimeKind } from '../../runtime';
import type { AgentMode, TurnEndReason } from '../../agent';
import type { SubagentKind, TodoItem, TokenUsage, ToolMetadata } from '../../tools';

/**
 * An image in the chat: a stored one by its hash (its bytes are in the session log), one still
 * being sent by its data URL.
 */
export interface ChatImage {
	readonly hash?: string;
	readonly src?: string;
	readonly mediaType: string;
	readonly width: number;
	readonly height: number;
}

export interface UserMessageItem {
	readonly kind: 'user';
	readonly key: string;
	/** The id the session log gave it; absent until the agent has stored it. */
	readonly id?: string;
	readonly text: string;
	readonly at: number;
	/** Images the person attached. */
	readonly images?: readonly ChatImage[];
}

export interface TextItem {
	readonly kind: 'text';
	readonly key: string;
	/** The model step (1-based within the turn) it came from. */
	readonly step: number;
	/** Markdown, as the model wrote it. */
	readonly text: string;
	/** Still arriving: the step has not been stored yet. */
	readonly streaming: boolean;
}

export interface ThinkingItem {
	readonly kind: 'thinking';
	readonly key: string;
	readonly step: number;
	readonly text: string;
	readonly streaming: boolean;
}

export type ToolCardState = 'pending' | 'running' | 'completed' | 'error';

export interface ToolCard {
	readonly kind: 'tool';
	/** The tool call id, which is also the card's key. */
	readonly key: string;
	readonly id: string;
	readonly step: number;
	readonly name: string;
	readonly state: ToolCardState;
	/** One line describing the arguments (`src/app.ts`, `npm test`). */
	readonly summary: string;
	/** The arguments, once complete. */
	readonly input?: unknown;
	/** How many characters of arguments have streamed so far (a big write shows progress). */
	readonly argsLength?: number;
	/** Exactly what the model received; while running, the live output so far. */
	readonly output: string;
	readonly metadata?: ToolMetadata;
	/** Images the tool returned (a screenshot). */
	readonly images?: readonly ChatImage[];
	/** Date.now() when it started running. */
	readonly startedAt?: number;
	readonly durationMs?: number;
	/**
	 * The result was later cleared from the model's context (it sees a placeholder now); the
	 * person still sees the full output here.
	 */
	readonly cleared?: boolean;
	/** task only: what its subagent is doing, then what it reported. */
	readonly subagent?: SubagentProgress;
}

/** One tool call a subagent made, as its parent's task card lists it. */
export interface SubagentStep {
	readonly id: string;
	readonly name: string;
	readonly summary: string;
	readonly state: ToolCardState;
}

export interface SubagentProgress {
	/** Three to five words from the task call. */
	readonly description: string;
	readonly agent?: SubagentKind;
	/** Its tool calls as they happen (live only: a replayed session keeps just the count). */
	readonly steps: readonly SubagentStep[];
	/** How many model steps it took, once it finished. */
	readonly modelSteps?: number;
	/** The tail of what it is writing right now (live only). */
	readonly latestText?: string;
	/** How it ended ('completed', 'aborted'…), once it finished. */
	readonly reason?: string;
	readonly usage?: TokenUsage;
	readonly model?: string;
}

export type NoticeCode =
	| 'stopped'
	| 'step-limit'
	| 'failure-limit'
	| 'error'
	| 'retrying'
	/** The log ends mid-turn: the page closed (or crashed) while it ran. */
	| 'interrupted';

export interface NoticeItem {
	readonly kind: 'notice';
	readonly key: string;
	readonly code: NoticeCode;
	readonly tone: 'info' | 'warning' | 'error';
	/** What happened and what to do next. */
	readonly message: string;
	/** 'retrying' only: Date.now() at which the next attempt starts (for a countdown). */
	readonly retryAt?: number;
	/** 'retrying' only: which attempt failed. */
	readonly attempt?: number;
}

export type MarkerCode =
	/** Old tool results were replaced by placeholders in what the model sees. */
	| 'context-cleared'
	/** The conversation was summarised. */
	| 'compaction'
	/** A compaction is running (live only). */
	| 'compacting'
	/** A compaction started but failed; the session goes on uncompacted. */
	| 'compaction-failed';

/** Where the context was made smaller: the full history stays in storage and in the chat. */
export interface MarkerItem {
	readonly kind: 'marker';
	readonly key: string;
	readonly code: MarkerCode;
	readonly message: string;
	/** compaction: the summary the model now works from. */
	readonly summary?: string;
	readonly at: number;
}

export type ChatItem =
	UserMessageItem | TextItem | ThinkingItem | ToolCard | NoticeItem | MarkerItem;

export interface TurnUsage {
	/** Input tokens that were neither read from nor written to the prompt cache. */
	readonly input: number;
	readonly output: number;
	readonly cacheRead: number;
	readonly cacheWrite: number;
}

export interface ChatTurn {
	/** `turn-N`: the same whether the turn was watched live or replayed from the log. */
	readonly key: string;
	/** The user's message first, then the agent's work in order, then any notices. */
	readonly items: readonly ChatItem[];
	/** Summed over the stored steps so far; the turn's total once it ended. */
	readonly usage?: TurnUsage;
	/** The agent's plan as last written in this turn (todo_write). */
	readonly todos?: readonly TodoItem[];
	/** True until the turn ends. */
	readonly running: boolean;
	/**
	 * The stored log ends inside this turn (the page closed while it ran). The agent repairs such
	 * a turn when the next message is sent, and those stored events still apply to it.
	 */
	readonly interrupted?: boolean;
	readonly endReason?: TurnEndReason;
	/** The step that is streaming now (live only). */
	readonly liveStep?: number;
	/** The mode the turn ran in (plan: its answer ends with a plan to approve). */
	readonly mode?: AgentMode;
}

export interface Transcript {
	/** From the log's session-start event. */
	readonly session?: {
		readonly provider: ProviderId;
		readonly model: string;
		readonly runtime: RuntimeKind;
	};
	readonly turns: readonly ChatTurn[];
	/** The mode as the log last set it (absent: it never changed, so auto). */
	readonly mode?: AgentMode;
}
