import type { ToolCallEndEvent, ToolDefinition } from '../providers';
import { coreTools, type createReadTracker, type Tool } from '../tools';
import {
	DEFAULT_MAX_CONSECUTIVE_TOOL_FAILURES,
	type AgentOptions,
	type TurnEnd
} from './agent-options';
import { permissionGate } from './permissions';
import { CANCELLED_TEXT, runToolCalls, type ToolResultEvent } from './tool-calls';
import type { TurnRecorder } from './turn-recorder';
import type { AgentMode } from './types';

/**
 * The tool side of a step: running the calls of a complete step (tool-calls.ts does the running,
 * this wires it to the turn and the permission gate), answering the calls of a cut step, and
 * counting failures in a row so a model stuck on a broken tool ends its turn.
 */
export class StepTools {
	readonly #options: AgentOptions;
	readonly #recorder: TurnRecorder;
	readonly #signal: AbortSignal;
	readonly #readTracker: ReturnType<typeof createReadTracker>;
	readonly #mode: () => AgentMode;
	readonly #tools: readonly Tool[] | undefined;
	#consecutiveFailures = 0;

	constructor(
		options: AgentOptions,
		recorder: TurnRecorder,
		signal: AbortSignal,
		readTracker: ReturnType<typeof createReadTracker>,
		mode: () => AgentMode
	) {
		this.#options = options;
		this.#recorder = recorder;
		this.#signal = signal;
		this.#readTracker = readTracker;
		this.#mode = mode;
		this.#tools = runnableTools(options.tools);
	}

	/** Runs a complete step's calls; their results are persisted in the model's order. */
	run(calls: readonly ToolCallEndEvent[]): Promise<ToolResultEvent[]> {
		return runToolCalls(calls, {
			workspace: this.#options.workspace,
			runtime: this.#options.runtime(),
			readTracker: this.#readTracker,
			signal: this.#signal,
			emit: (event) => this.#recorder.emit(event),
			onTodos: (todos) => this.#options.onTodos?.(todos),
			persist: (event) => this.#recorder.persist(event),
			// The mode is read per call: a switch takes effect without touching the tool list.
			permission: permissionGate(
				this.#options.permissions?.mode ?? this.#mode,
				this.#options.permissions,
				this.#options.permission
			),
			...(this.#options.runSubagent ? { runSubagent: this.#options.runSubagent } : {}),
			...(this.#options.preview ? { preview: this.#options.preview } : {}),
			...(this.#options.screenshotTokens
				? { screenshotTokens: this.#options.screenshotTokens }
				: {}),
			...(this.#tools ? { tools: this.#tools } : {})
		});
	}

	/** Calls of a cut step never run: each gets its result so the log stays valid. */
	async cancel(calls: readonly ToolCallEndEvent[]): Promise<void> {
		for (const call of calls) {
			await this.#recorder.persist({
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

	/** The turn's end when the failures in a row reached the limit, else undefined. */
	countFailures(results: readonly ToolResultEvent[]): TurnEnd | undefined {
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
}

/**
 * The tools the loop may run: exactly those the model was given (AgentOptions.tools), so a call
 * to a tool left out of the request is refused like an unknown one. Undefined: the core tools.
 */
function runnableTools(given: readonly ToolDefinition[] | undefined): readonly Tool[] | undefined {
	if (!given) return undefined;
	const names = new Set(given.map((tool) => tool.name));
	return coreTools().filter((tool) => names.has(tool.name));
}
