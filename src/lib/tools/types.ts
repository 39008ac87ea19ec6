/**
 * The contract between the tools and whoever runs them (the agent loop, the CLI, tests). The
 * loop builds a ToolContext per call; every tool answers with a ToolResult whose `output` is
 * exactly what the model receives and whose `metadata` is for the chat's tool cards.
 */
import type * as z from 'zod/mini';
import type { Runtime } from '../runtime';
import type { Workspace } from '../workspace';

/** The part of the workspace the tools use (a Workspace satisfies it; tests may pass a double). */
export type ToolWorkspace = Pick<
	Workspace,
	| 'exists'
	| 'isDirectory'
	| 'getFile'
	| 'listDir'
	| 'allFiles'
	| 'peekText'
	| 'readText'
	| 'readBytes'
	| 'writeFile'
> &
	// flush: a tool's changes are saved before its result counts (absent where nothing is saved);
	// revision: counts changes, where something made from the files is kept (a session context).
	Partial<Pick<Workspace, 'skippedEntries' | 'flush' | 'revision'>>;

/** What was seen when a file was last read (or written) by the agent in this session. */
export interface ReadRecord {
	/** Hash and size of the bytes seen (workspace content hash): tells whether the file changed. */
	readonly hash: number;
	readonly size: number;
	/** Modification time seen, where the runtime reports one. */
	readonly mtimeMs: number | undefined;
	/** When the agent saw it (Date.now()). */
	readonly seenAt: number;
}

/**
 * Which files the agent has seen in this session. write and edit refuse to touch an existing
 * file the agent has not read, or one that changed since (the person edited it, a command
 * rewrote it), so the model never overwrites what it has not seen.
 */
export interface ReadTracker {
	get(path: string): ReadRecord | undefined;
	record(path: string, record: ReadRecord): void;
	forget(path: string): void;
}

export type TodoStatus = 'pending' | 'in_progress' | 'completed';

export interface TodoItem {
	readonly content: string;
	readonly status: TodoStatus;
}

export interface ToolContext {
	readonly workspace: ToolWorkspace;
	readonly runtime: Runtime;
	/** Aborted by "Stop": tools end as soon as they can and report what was cut. */
	readonly signal: AbortSignal;
	readonly readTracker: ReadTracker;
	/** Live output while a tool runs (bash streams its output here). */
	onProgress?(text: string): void;
	/** The agent's plan changed (todo_write). */
	onTodos?(todos: readonly TodoItem[]): void;
	/**
	 * Runs a subagent (the task tool). Absent inside a subagent (they cannot start their own)
	 * and wherever no runner was set up; the task tool then answers with an error.
	 */
	runSubagent?(request: SubagentRequest): Promise<SubagentReport>;
	/**
	 * The page the project shows in the IDE's preview (the preview tool). Absent where there is
	 * no preview (the CLI, benches, tests without one): the tool then says so.
	 */
	readonly preview?: PreviewPort;
	/** Most input tokens one screenshot may cost (Settings; default SCREENSHOT_DEFAULT_TOKENS). */
	readonly screenshotTokens?: number;
}

/** An image a tool returns beside its text (the preview tool's screenshot). */
export interface ToolImage {
	readonly mediaType: 'image/png' | 'image/jpeg' | 'image/webp' | 'image/gif';
	/** Base64, without a `data:` prefix. */
	readonly data: string;
	readonly width: number;
	readonly height: number;
}

export type PreviewLogLevel = 'error' | 'warn' | 'info' | 'log' | 'debug';

/** One thing the preview page reported through its bridge script. */
export interface PreviewLogEntry {
	readonly kind: 'console' | 'error' | 'rejection' | 'request-failed' | 'navigation';
	readonly level: PreviewLogLevel;
	/** The message, bounded by the bridge. */
	readonly text: string;
	readonly stack?: string;
	/** Where it came from, when that is a project file: project-relative path, 1-based line. */
	readonly source?: { readonly path: string; readonly line: number; readonly column?: number };
	/** request-failed: the URL asked for; navigation: the page's new address. */
	readonly url?: string;
	/** request-failed: the HTTP status (0 for a network error). */
	readonly status?: number;
	/** Date.now() in the IDE when it arrived. */
	readonly at: number;
}

/** What the preview tool drives: the IDE's preview frame (implemented in state, over the bridge). */
export interface PreviewPort {
	/**
	 * Loads `path` (project-relative, with an optional query; absent: the page shown now) in the
	 * preview, or reloads it, and waits until it settles: loaded, then quiet (no new entries)
	 * for a short while, at most `waitMs`. Resolves with what the page reported since that load.
	 */
	load(
		path: string | undefined,
		options: { readonly waitMs?: number; readonly signal: AbortSignal }
	): Promise<{ readonly url: string; readonly entries: readonly PreviewLogEntry[] }>;
	/** A PNG of the page as shown, downscaled to at most `maxWidth` px and about `maxTokens`. */
	screenshot(options: {
		readonly maxWidth: number;
		readonly maxTokens: number;
		readonly signal: AbortSignal;
	}): Promise<ToolImage>;
	/** A compact accessibility-tree outline of the page (roles, names, text), at most `maxChars`. */
	snapshot(options: { readonly maxChars: number; readonly signal: AbortSignal }): Promise<string>;
}

/** explore: reads and searches only (read-only bash); general: every tool except task. */
export type SubagentKind = 'explore' | 'general';

export interface SubagentRequest {
	/** Three to five words, for the chat card. */
	readonly description: string;
	/** The whole brief: the subagent sees nothing else of the conversation. */
	readonly prompt: string;
	readonly agent: SubagentKind;
	/** Stop of the parent turn stops the subagent too. */
	readonly signal: AbortSignal;
	/** The task call that started it: the chat shows the subagent's progress in that card. */
	readonly toolCallId?: string;
}

/** Token counts, shaped like the providers' Usage (tools do not import providers). */
export interface TokenUsage {
	readonly inputTokens: number;
	readonly outputTokens: number;
	readonly cacheReadTokens: number;
	readonly cacheWriteTokens: number;
}

export interface SubagentReport {
	readonly subagentId: string;
	readonly agent: SubagentKind;
	/** The subagent's final message (the task tool bounds its length). */
	readonly report: string;
	/** How its turn ended: 'completed', 'step-limit', 'failure-limit', 'aborted' or 'error'. */
	readonly reason: string;
	/** What went wrong, when reason is not 'completed'. */
	readonly error?: string;
	/** Summed over its steps: the session counts these with its own. */
	readonly usage: TokenUsage;
	readonly model: string;
	readonly steps: number;
}

export interface ToolMetadata {
	/** The project-relative path the tool worked on. */
	path?: string;
	/** Unified diff of a write or edit (jsdiff's createTwoFilesPatch). */
	diff?: string;
	/** write: the file did not exist before. */
	created?: boolean;
	/** edit: how many occurrences were replaced. */
	replacements?: number;
	/** bash */
	exitCode?: number;
	timedOut?: boolean;
	aborted?: boolean;
	/** bash (run_in_background), bash_output, bash_kill: the background process. */
	bashId?: string;
	/** The URL the background process announced. */
	url?: string;
	/** The output was shortened; the note in the output says how. */
	truncated?: boolean;
	/** todo_write: the whole list as it is now. */
	todos?: readonly TodoItem[];
	/** glob, grep: how many files matched in all (before any limit). */
	count?: number;
	/** The permission layer (mode, rules, the person, a subagent's limits) refused the call: it did not run. */
	refused?: boolean;
	/** task: the subagent that ran; its usage counts in the session's tokens and cost. */
	subagent?: {
		readonly id: string;
		readonly agent: SubagentKind;
		readonly description: string;
		readonly reason: string;
		readonly steps: number;
		readonly model: string;
		readonly usage: TokenUsage;
	};
}

export interface ToolResult {
	/** false for a tool error (bad arguments, missing file, refused edit, timeout, stop). */
	readonly ok: boolean;
	/** Exactly what the model receives. */
	readonly output: string;
	readonly metadata?: ToolMetadata;
	/**
	 * Images the model receives with `output` (as image blocks where the model accepts images,
	 * as a short text note where it does not: the request builder decides).
	 */
	readonly images?: readonly ToolImage[];
}

/**
 * One tool. `parameters` is a zod object: validated centrally before execute, and published to
 * providers as JSON Schema. Methods (not arrow properties) so a registry can hold tools with
 * different argument types.
 */
export interface Tool<Schema extends z.core.$ZodType = z.core.$ZodType> {
	readonly name: string;
	/** Written for the model; fixed text, since it is part of the cached prompt prefix. */
	readonly description: string;
	readonly parameters: Schema;
	/** Changes nothing: the loop may run such calls in parallel. */
	readonly readOnly: boolean;
	/**
	 * Independent of its siblings though not read-only (task: each call is its own subagent):
	 * consecutive such calls of one step run in parallel, results still in the model's order.
	 */
	readonly parallel?: boolean;
	/** One line describing a call, for the chat card and a permission prompt (the agent asks, not the tool). */
	summarize(args: z.infer<Schema>): string;
	execute(args: z.infer<Schema>, ctx: ToolContext): Promise<ToolResult>;
}

/** A tool as a provider sees it. */
export interface ToolDefinition {
	readonly name: string;
	readonly description: string;
	/** JSON Schema (draft 2020-12) of the arguments object. */
	readonly inputSchema: { type: 'object' } & Record<string, unknown>;
}
