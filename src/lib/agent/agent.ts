/**
 * The agent loop: one model step per iteration, every step's events persisted before the
 * next begins, so the log always holds a conversation both APIs accept.
 */
import {
	ProviderError,
	type Provider,
	type ProviderId,
	type RetryOptions,
	type ToolCallEndEvent,
	type Usage
} from '../providers';
import type { Runtime } from '../runtime/types';
import { createReadTracker, toolDefinitions, type TodoItem, type ToolWorkspace } from '../tools';
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
import type { AgentError, LiveEvent, SessionEvent, TurnEndReason } from './types';

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

type TurnEnd = { reason: TurnEndReason; error?: AgentError };

export class Agent {
	readonly #options: AgentOptions;
	/** Which files the model has seen; kept for the Agent's life (a resumed session starts empty). */
	readonly #readTracker = createReadTracker();
	#running = false;

	constructor(options: AgentOptions) {
		this.#options = options;
	}

	/** Runs one turn to its end. Never throws for model/tool/network errors: they end the turn with a reason. */
	async runTurn(text: string, options: TurnOptions): Promise<TurnResult> {
		if (this.#running) {
			throw new Error('A turn is already running in this session; wait for it to end or stop it.');
		}
		this.#running = true;
		const turn = new Turn(this.#options, this.#readTracker, options);
		try {
			return await turn.run(text);
		} finally {
			this.#running = false;
		}
	}
}

class Turn {
	readonly #options: AgentOptions;
	readonly #readTracker: ReturnType<typeof createReadTracker>;
	readonly #signal: AbortSignal;
	readonly #onEvent?: (event: LiveEvent) => void;
	#usage: Usage = { ...ZERO_USAGE };
	#consecutiveFailures = 0;

	constructor(
		options: AgentOptions,
		readTracker: ReturnType<typeof createReadTracker>,
		turn: TurnOptions
	) {
		this.#options = options;
		this.#readTracker = readTracker;
		this.#signal = turn.signal;
		this.#onEvent = turn.onEvent;
	}

	async run(text: string): Promise<TurnResult> {
		let end: TurnEnd;
		try {
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

	/** Session start (first turn), repairs of a turn cut by a closed tab, then the message. */
	async #start(text: string): Promise<void> {
		const { log } = this.#options;
		const capabilities = this.#options.runtime().capabilities;
		if (!log.events.some((event) => event.type === 'session-start')) {
			await this.#persist({
				type: 'session-start',
				at: Date.now(),
				provider: this.#options.providerId,
				model: this.#options.model,
				runtime: capabilities.kind,
				environment: describeEnvironment(capabilities)
			});
		}
		await this.#closeUnfinishedTurn();
		const previous = lastRuntime(log.events);
		const changed = previous !== undefined && previous !== capabilities.kind;
		await this.#persist({
			type: 'user-message',
			id: newId(),
			at: Date.now(),
			text,
			runtime: capabilities.kind,
			...(changed ? { reminder: describeRuntimeChange(capabilities) } : {})
		});
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
		const tools = toolDefinitions();
		for (let step = 1; step <= maxSteps; step++) {
			if (this.#signal.aborted) return { reason: 'aborted' };
			const request = buildRequest({
				model: this.#options.model,
				events: this.#options.log.events,
				tools,
				maxTokens: this.#options.maxTokens ?? DEFAULT_MAX_TOKENS
			});
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
				persist: (event) => this.#persist(event)
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
