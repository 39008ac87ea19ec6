/**
 * The agent loop: one model step per iteration, every step's events persisted before the
 * next begins, so the log always holds a conversation both APIs accept.
 *
 * Before each step the context is kept small (context/): past the clearing threshold the
 * oldest tool results are cleared, past the compaction threshold the session is compacted.
 * Each request's snapshot is stored as a 'request' event right before it is sent.
 *
 * `/compact [focus]` sent as a message compacts by hand (runTurn hands it to compact()); the
 * chat may also call agent.compact(focus) directly. Neither writes a user-message or turn-end:
 * the log gets the summary request's 'request' event and the 'compaction' event.
 */
import {
	ProviderError,
	type Provider,
	type ModelRequest,
	type ProviderId,
	type RetryOptions,
	type ToolCallEndEvent,
	type ToolDefinition,
	type Usage
} from '../providers';
import type { Runtime } from '../runtime/types';
import {
	createReadTracker,
	toolDefinitions,
	type SubagentReport,
	type SubagentRequest,
	type TodoItem,
	type ToolWorkspace
} from '../tools';
import {
	DEFAULT_MODE,
	permissionGate,
	storedMode,
	type PermissionCheck,
	type PermissionSetup
} from './permissions';
import { planClearing } from './context/clearing';
import { modelInfo as lookupModel, type ModelInfo } from './context/models';
import { contextThresholds, DEFAULT_CONTEXT_POLICY, type ContextPolicy } from './context/policy';
import { canCompact, runCompaction } from './context/run-compaction';
import { snapshotRequest } from './context/snapshot';
import { loadTokenizer } from './context/tokens';
import { latestContextSize, sessionTotals } from './context/usage';
import { buildRequest, MISSING_RESULT_TEXT } from './request-builder';
import {
	runModelStep,
	stepStopReason,
	toAgentError,
	ZERO_USAGE,
	type StepOutcome
} from './model-step';
import type { SessionLog } from './session-log';
import { describeEnvironment, describeRuntimeChange } from './system-prompt';
import { CANCELLED_TEXT, runToolCalls, type ToolResultEvent } from './tool-calls';
import type {
	AgentError,
	AgentMode,
	LiveEvent,
	RequestSnapshot,
	SessionEvent,
	TurnEndReason
} from './types';

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
	/** Starts a subagent for the task tool; absent inside subagents (they cannot start more). */
	runSubagent?: (request: SubagentRequest) => Promise<SubagentReport>;
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

/** Room the compaction instruction takes on top of the request it is added to. */
const SUMMARY_REQUEST_TOKENS = 500;

type TurnEnd = { reason: TurnEndReason; error?: AgentError };

interface PreparedRequest {
	readonly request: ModelRequest;
	readonly snapshot: RequestSnapshot;
}

/** `/compact` or `/compact FOCUS` → the focus ('' for none); undefined for any other text. */
export function parseCompactCommand(text: string): string | undefined {
	const match = /^\/compact(?:\s+([\s\S]*))?$/.exec(text.trim());
	return match ? (match[1] ?? '').trim() : undefined;
}

/** What a Turn needs from its Agent besides the options. */
interface AgentState {
	readonly readTracker: ReturnType<typeof createReadTracker>;
	/** A mode switch asked for while the turn runs, persisted at the next step boundary. */
	takePendingMode(): AgentMode | undefined;
	mode(): AgentMode;
}

export class Agent {
	readonly #options: AgentOptions;
	/** Which files the model has seen; kept for the Agent's life (a resumed session starts empty). */
	readonly #readTracker = createReadTracker();
	#running = false;
	#pendingMode: AgentMode | undefined;

	constructor(options: AgentOptions) {
		this.#options = options;
	}

	/**
	 * Runs one turn to its end. Never throws for model/tool/network errors: they end the turn
	 * with a reason. `/compact [focus]` compacts instead (see compact()).
	 */
	async runTurn(text: string, options: TurnOptions): Promise<TurnResult> {
		const focus = parseCompactCommand(text);
		if (focus !== undefined) return this.compact(focus, options);
		return this.#exclusive(() => new Turn(this.#options, this.#state(), options).run(text));
	}

	/**
	 * Summarises the session now (`/compact [focus]`): later requests carry the summary, the
	 * project memory and fresh copies of the recently used files instead of the conversation.
	 * Ends with reason 'completed', or 'error' (nothing to compact, the model failed) or
	 * 'aborted'; the session goes on either way.
	 */
	async compact(focus: string | undefined, options: TurnOptions): Promise<TurnResult> {
		return this.#exclusive(() => new Turn(this.#options, this.#state(), options).compact(focus));
	}

	/** The mode the model was last told about (or will be, at its next request). */
	get mode(): AgentMode {
		return this.#pendingMode ?? currentMode(this.#options.log.events);
	}

	/**
	 * Switches mode. The tool list stays the same (the prompt cache stays warm): the model is
	 * told by a reminder in its next user message, and the permission layer enforces the mode.
	 * During a turn the switch is recorded at the next step boundary.
	 */
	async setMode(mode: AgentMode): Promise<void> {
		if (mode === this.mode) return;
		if (this.#running) {
			this.#pendingMode = mode;
			return;
		}
		this.#pendingMode = undefined;
		if (mode === currentMode(this.#options.log.events)) return;
		await this.#options.log.append({ type: 'mode-change', at: Date.now(), mode });
	}

	#state(): AgentState {
		return {
			readTracker: this.#readTracker,
			takePendingMode: () => {
				const mode = this.#pendingMode;
				this.#pendingMode = undefined;
				return mode;
			},
			mode: () => this.mode
		};
	}

	async #exclusive(run: () => Promise<TurnResult>): Promise<TurnResult> {
		if (this.#running) {
			throw new Error('A turn is already running in this session; wait for it to end or stop it.');
		}
		this.#running = true;
		try {
			return await run();
		} finally {
			this.#running = false;
			// A switch asked for at the very end of a turn still gets recorded.
			const pending = this.#pendingMode;
			if (pending !== undefined) {
				this.#pendingMode = undefined;
				if (pending !== currentMode(this.#options.log.events)) {
					await this.#options.log.append({ type: 'mode-change', at: Date.now(), mode: pending });
				}
			}
		}
	}
}

class Turn {
	readonly #options: AgentOptions;
	readonly #agent: AgentState;
	readonly #readTracker: ReturnType<typeof createReadTracker>;
	readonly #signal: AbortSignal;
	readonly #onEvent?: (event: LiveEvent) => void;
	readonly #tools: readonly ToolDefinition[];
	readonly #model: ModelInfo;
	readonly #policy: ContextPolicy;
	#usage: Usage = { ...ZERO_USAGE };
	#consecutiveFailures = 0;
	/**
	 * An automatic compaction failed in this turn: it is not tried again until the next turn,
	 * since every attempt is a paid summary request and a broken one would repeat each step.
	 */
	#autoCompactionFailed = false;

	constructor(options: AgentOptions, agent: AgentState, turn: TurnOptions) {
		this.#options = options;
		this.#agent = agent;
		this.#readTracker = agent.readTracker;
		this.#signal = turn.signal;
		this.#onEvent = turn.onEvent;
		this.#tools = options.tools ?? toolDefinitions();
		this.#model = options.modelInfo ?? lookupModel(options.model);
		this.#policy = { ...DEFAULT_CONTEXT_POLICY, ...options.contextPolicy };
	}

	async run(text: string): Promise<TurnResult> {
		let end: TurnEnd;
		try {
			await loadTokenizer();
			await this.#start(text);
			end = await this.#loop();
		} catch (error) {
			end = { reason: 'error', error: internalError(error) };
		}
		try {
			await this.#persist({
				type: 'turn-end',
				at: Date.now(),
				reason: end.reason,
				...(end.error ? { error: end.error } : {}),
				usage: { ...this.#usage }
			});
		} catch (error) {
			// The log could not be written: still tell the caller, with the first problem seen.
			end = { reason: 'error', error: end.error ?? internalError(error) };
		}
		return { ...end, usage: { ...this.#usage } };
	}

	/** A compaction asked for by the person, outside any turn. */
	async compact(focus: string | undefined): Promise<TurnResult> {
		try {
			await loadTokenizer();
			if (!canCompact(this.#options.log.events)) {
				return {
					reason: 'error',
					error: {
						kind: 'nothing-to-compact',
						message:
							'There is nothing to compact yet: the conversation since the session started (or since the last compaction) is empty. Send a message first.'
					},
					usage: { ...ZERO_USAGE }
				};
			}
			await this.#persistPendingMode();
			const outcome = await this.#compact(true, focus || undefined);
			this.#emitStatus();
			if (outcome.ok) return { reason: 'completed', usage: { ...this.#usage } };
			return {
				reason: outcome.aborted ? 'aborted' : 'error',
				...(outcome.error ? { error: outcome.error } : {}),
				usage: { ...this.#usage }
			};
		} catch (error) {
			return { reason: 'error', error: internalError(error), usage: { ...this.#usage } };
		}
	}

	/** Session start (first turn), repairs of a turn cut by a closed tab, then the message. */
	async #start(text: string): Promise<void> {
		const { log } = this.#options;
		const capabilities = this.#options.runtime().capabilities;
		if (!log.events.some((event) => event.type === 'session-start')) {
			const sessionContext = await optional(this.#options.sessionContext);
			await this.#persist({
				type: 'session-start',
				at: Date.now(),
				provider: this.#options.providerId,
				model: this.#options.model,
				runtime: capabilities.kind,
				environment: describeEnvironment(capabilities),
				...(sessionContext ? { sessionContext } : {})
			});
		}
		await this.#closeUnfinishedTurn();
		await this.#persistPendingMode();
		const previous = lastRuntime(log.events);
		const changed = previous !== undefined && previous !== capabilities.kind;
		const reminders = [
			changed ? describeRuntimeChange(capabilities) : undefined,
			await optional(this.#options.userEdits)
		].filter((text): text is string => text !== undefined && text !== '');
		await this.#persist({
			type: 'user-message',
			id: newId(),
			at: Date.now(),
			text,
			runtime: capabilities.kind,
			...(reminders.length > 0 ? { reminder: reminders.join('\n\n') } : {})
		});
	}

	async #persistPendingMode(): Promise<void> {
		const mode = this.#agent.takePendingMode();
		if (mode !== undefined && mode !== currentMode(this.#options.log.events)) {
			await this.#persist({ type: 'mode-change', at: Date.now(), mode });
		}
	}

	/**
	 * A turn the page closed in the middle of has no turn-end, and maybe tool calls without
	 * results. Record them as interrupted so the log reads true and stays valid for the APIs.
	 */
	async #closeUnfinishedTurn(): Promise<void> {
		const events = this.#options.log.events;
		let lastUser = -1;
		for (let i = events.length - 1; i >= 0; i--) {
			const type = events[i]!.type;
			if (type === 'turn-end') return;
			if (type === 'user-message') {
				lastUser = i;
				break;
			}
		}
		if (lastUser < 0) return;
		const answered = new Set<string>();
		const calls: { id: string; name: string }[] = [];
		for (const event of events.slice(lastUser)) {
			if (event.type === 'tool-result') answered.add(event.toolCallId);
			if (event.type === 'assistant-step') {
				for (const block of event.message.content) {
					if (block.type === 'tool_call') calls.push({ id: block.id, name: block.name });
				}
			}
		}
		for (const call of calls) {
			if (answered.has(call.id)) continue;
			await this.#persist({
				type: 'tool-result',
				at: Date.now(),
				toolCallId: call.id,
				name: call.name,
				ok: false,
				output: MISSING_RESULT_TEXT,
				durationMs: 0
			});
		}
		await this.#persist({
			type: 'turn-end',
			at: Date.now(),
			reason: 'aborted',
			error: {
				kind: 'interrupted',
				message: 'This turn was cut short when the page closed. Send a message to continue.'
			},
			usage: { ...ZERO_USAGE }
		});
	}

	async #loop(): Promise<TurnEnd> {
		const maxSteps = this.#options.maxSteps ?? DEFAULT_MAX_STEPS;
		for (let step = 1; step <= maxSteps; step++) {
			if (this.#signal.aborted) return { reason: 'aborted' };
			await this.#persistPendingMode();
			const { request, snapshot } = await this.#keepContextSmall();
			if (this.#signal.aborted) return { reason: 'aborted' };
			await this.#persist({ type: 'request', at: Date.now(), step, snapshot });
			const outcome = await runModelStep({
				provider: this.#options.provider,
				request,
				step,
				signal: this.#signal,
				retry: this.#options.retry ?? {},
				emit: (event) => this.#emit(event)
			});
			const calls = outcome.accumulator.toolCalls;
			const hasOutput = outcome.accumulator.content.length > 0;
			if (outcome.complete || hasOutput) await this.#persistStep(step, outcome);
			this.#emitStatus();

			if (!outcome.complete) {
				// Calls of a cut step never run: each gets its result so the log stays valid.
				await this.#cancelCalls(calls);
				if (outcome.error) return { reason: 'error', error: toAgentError(outcome.error) };
				return { reason: 'aborted' };
			}
			if (calls.length === 0) return { reason: 'completed' };

			const results = await runToolCalls(calls, {
				workspace: this.#options.workspace,
				runtime: this.#options.runtime(),
				readTracker: this.#readTracker,
				signal: this.#signal,
				emit: (event) => this.#emit(event),
				onTodos: (todos) => this.#options.onTodos?.(todos),
				persist: (event) => this.#persist(event),
				// The mode is read per call: a switch takes effect without touching the tool list.
				permission: permissionGate(
					this.#options.permissions?.mode ?? (() => this.#agent.mode()),
					this.#options.permissions,
					this.#options.permission
				),
				...(this.#options.runSubagent ? { runSubagent: this.#options.runSubagent } : {})
			});
			if (this.#signal.aborted) return { reason: 'aborted' };
			const limit = this.#countFailures(results);
			if (limit) return limit;
		}
		return {
			reason: 'step-limit',
			error: {
				kind: 'step-limit',
				message: `The agent stopped after ${maxSteps} steps without finishing, so it cannot loop forever. Check what it did so far, then send a message to let it continue.`
			}
		};
	}

	/** The next step's request as the log stands, with its snapshot (which holds the estimate). */
	#prepareRequest(): PreparedRequest {
		const request = buildRequest({
			model: this.#options.model,
			events: this.#options.log.events,
			tools: this.#tools,
			maxTokens: this.#maxTokens()
		});
		return { request, snapshot: snapshotRequest(request, { kind: 'step' }) };
	}

	#maxTokens(): number {
		return this.#options.maxTokens ?? DEFAULT_MAX_TOKENS;
	}

	/**
	 * Clearing first (cheap, keeps the conversation), compaction only when clearing cannot bring
	 * the next request under its threshold. Both are recorded, so every later request (and
	 * rebuildRequest) sees the same result. Returns the request to send: the one it measured,
	 * rebuilt only when an event it persisted changed it (building and counting are not free).
	 */
	async #keepContextSmall(): Promise<PreparedRequest> {
		const window = this.#model.contextWindow;
		const { clearAt, compactAt } = contextThresholds(window, this.#maxTokens(), this.#policy);
		let prepared = this.#prepareRequest();
		let estimate = prepared.snapshot.estimatedInputTokens;
		if (estimate > clearAt) {
			const events = this.#options.log.events;
			const plan = planClearing({ events, estimate, window, policy: this.#policy });
			// When clearing cannot avoid a compaction it is skipped: it would only make the
			// summary request miss the cache from the first cleared result on. Unless the summary
			// request itself would not fit: then room comes first.
			const avoidsCompaction = plan && estimate - plan.tokensFreed <= compactAt;
			const summaryFits = estimate + SUMMARY_REQUEST_TOKENS <= window - this.#maxTokens();
			if (plan && (avoidsCompaction || !canCompact(events) || !summaryFits)) {
				await this.#persist({
					type: 'context-cleared',
					at: Date.now(),
					toolCallIds: plan.toolCallIds,
					tokensFreed: plan.tokensFreed
				});
				prepared = this.#prepareRequest();
				estimate = prepared.snapshot.estimatedInputTokens;
			}
		}
		if (
			estimate > compactAt &&
			!this.#autoCompactionFailed &&
			canCompact(this.#options.log.events)
		) {
			// A failed compaction is reported (compaction-failed) and the step still runs: the
			// API may yet accept the request, and if not its error tells the person what to do.
			const outcome = await this.#compact(false);
			if (!outcome.ok && !outcome.aborted) this.#autoCompactionFailed = true;
			this.#emitStatus();
			prepared = this.#prepareRequest();
		}
		return prepared;
	}

	async #compact(manual: boolean, focus?: string) {
		const { workspace } = this.#options;
		const outcome = await runCompaction({
			provider: this.#options.provider,
			model: this.#options.model,
			tools: this.#tools,
			maxTokens: this.#maxTokens(),
			events: () => this.#options.log.events,
			persist: (event) => this.#persist(event),
			emit: (event) => this.#emit(event),
			signal: this.#signal,
			retry: this.#options.retry ?? {},
			policy: this.#policy,
			sources: {
				readFile: async (path) => (workspace.exists(path) ? workspace.readText(path) : undefined),
				...(this.#options.projectMemory ? { projectMemory: this.#options.projectMemory } : {})
			},
			window: this.#model.contextWindow,
			mode: this.#agent.mode(),
			manual,
			...(focus ? { focus } : {})
		});
		this.#addUsage(outcome.usage);
		return outcome;
	}

	/** How full the context is and what the session cost, after each step and compaction. */
	#emitStatus(): void {
		const events = this.#options.log.events;
		const totals = sessionTotals(events, (model) =>
			model === this.#options.model ? this.#model : lookupModel(model)
		);
		this.#emit({
			type: 'context-status',
			used: latestContextSize(events)?.used ?? 0,
			window: this.#model.contextWindow,
			cacheReadShare: totals.cacheReadShare,
			costUsd: totals.costUsd
		});
	}

	async #persistStep(step: number, outcome: StepOutcome): Promise<void> {
		const accumulator = outcome.accumulator;
		const usage = accumulator.usage ?? ZERO_USAGE;
		this.#addUsage(usage);
		await this.#persist({
			type: 'assistant-step',
			id: newId(),
			at: Date.now(),
			step,
			message: accumulator.message(),
			stopReason: stepStopReason(outcome),
			usage: { ...usage },
			model: this.#options.model,
			...(outcome.complete ? {} : { interrupted: true })
		});
	}

	async #cancelCalls(calls: readonly ToolCallEndEvent[]): Promise<void> {
		for (const call of calls) {
			await this.#persist({
				type: 'tool-result',
				at: Date.now(),
				toolCallId: call.id,
				name: call.name,
				ok: false,
				output: this.#signal.aborted
					? CANCELLED_TEXT
					: 'Not run: the model’s response failed before it was complete.',
				durationMs: 0
			});
		}
	}

	#countFailures(results: readonly ToolResultEvent[]): TurnEnd | undefined {
		const max = this.#options.maxConsecutiveToolFailures ?? DEFAULT_MAX_CONSECUTIVE_TOOL_FAILURES;
		for (const result of results) {
			this.#consecutiveFailures = result.ok ? 0 : this.#consecutiveFailures + 1;
		}
		if (this.#consecutiveFailures < max) return undefined;
		return {
			reason: 'failure-limit',
			error: {
				kind: 'failure-limit',
				message: `The agent stopped because its last ${this.#consecutiveFailures} tool calls failed in a row. Look at the errors in the tool cards, then send a message with more guidance (or fix what blocks it) to continue.`
			}
		};
	}

	#addUsage(usage: Usage): void {
		this.#usage = {
			inputTokens: this.#usage.inputTokens + usage.inputTokens,
			outputTokens: this.#usage.outputTokens + usage.outputTokens,
			cacheReadTokens: this.#usage.cacheReadTokens + usage.cacheReadTokens,
			cacheWriteTokens: this.#usage.cacheWriteTokens + usage.cacheWriteTokens
		};
	}

	async #persist(event: SessionEvent): Promise<void> {
		await this.#options.log.append(event);
		this.#emit({ type: 'persisted', event });
	}

	#emit(event: LiveEvent): void {
		try {
			this.#onEvent?.(event);
		} catch {
			// A listener's bug must not end the turn; the log still records everything.
		}
	}
}

/** The mode set by the newest mode-change (auto when none). */
function currentMode(events: readonly SessionEvent[]): AgentMode {
	for (let i = events.length - 1; i >= 0; i--) {
		const event = events[i]!;
		if (event.type === 'mode-change') return storedMode(event.mode);
	}
	return DEFAULT_MODE;
}

/** A context callback's text; its failure must not stop a turn (the context is only richer). */
async function optional(
	source: (() => Promise<string | null | undefined>) | undefined
): Promise<string | undefined> {
	if (!source) return undefined;
	try {
		return (await source()) ?? undefined;
	} catch {
		return undefined;
	}
}

/** The runtime of the newest user message (or the session start). */
function lastRuntime(events: readonly SessionEvent[]): string | undefined {
	for (let i = events.length - 1; i >= 0; i--) {
		const event = events[i]!;
		if (event.type === 'user-message' && event.runtime) return event.runtime;
		if (event.type === 'session-start') return event.runtime;
	}
	return undefined;
}

function internalError(error: unknown): AgentError {
	if (error instanceof ProviderError) return toAgentError(error);
	const message = error instanceof Error ? error.message : String(error);
	return {
		kind: 'internal',
		message: `Kiln hit an internal error and stopped the turn: ${message}. Send the message again; if it keeps happening, report it as a Kiln bug.`
	};
}

function newId(): string {
	return crypto.randomUUID();
}
