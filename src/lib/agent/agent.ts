/**
 * The agent: one session's turns, one at a time, and its mode. The loop itself is in turn.ts
 * (one model step per iteration, every step's events persisted before the next begins, so the
 * log always holds a conversation both APIs accept), tool calls in step-tools.ts, the context
 * triggers in keep-context-small.ts.
 *
 * Before each step the context is kept small (context/): past the clearing threshold the
 * oldest tool results are cleared, past the compaction threshold the session is compacted.
 * Each request's snapshot is stored as a 'request' event right before it is sent.
 *
 * `/compact [focus]` sent as a message compacts by hand (runTurn hands it to compact()); the
 * chat may also call agent.compact(focus) directly. Neither writes a user-message or turn-end:
 * the log gets the summary request's 'request' event and the 'compaction' event.
 */
import { parseCompactCommand } from './compact-command';
import { createReadTracker } from '../tools';
import type { AgentOptions, TurnOptions, TurnResult } from './agent-options';
import { loadModelCatalog } from './context/model-catalog';
import { currentMode } from './current-mode';
import { Turn, type AgentState } from './turn';
import type { AgentMode } from './types';

// The options and limits live in agent-options.ts; this module still names them, so callers
// (index.ts, the subagent runner) import the agent's vocabulary from one place.
export {
	DEFAULT_MAX_CONSECUTIVE_TOOL_FAILURES,
	DEFAULT_MAX_STEPS,
	DEFAULT_MAX_TOKENS,
	type AgentOptions,
	type TurnOptions,
	type TurnResult
} from './agent-options';

export { parseCompactCommand };

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
		// Windows and prices come from the model catalog, loaded on demand: the turn sizes its
		// context with them from its first request (a catalog that cannot load leaves it unknown).
		return this.#exclusive(async () => {
			await loadModelCatalog();
			return new Turn(this.#options, this.#state(), options).run(text);
		});
	}

	/**
	 * Summarises the session now (`/compact [focus]`): later requests carry the summary, the
	 * project memory and fresh copies of the recently used files instead of the conversation.
	 * Ends with reason 'completed', or 'error' (nothing to compact, the model failed) or
	 * 'aborted'; the session goes on either way.
	 */
	async compact(focus: string | undefined, options: TurnOptions): Promise<TurnResult> {
		return this.#exclusive(async () => {
			await loadModelCatalog();
			return new Turn(this.#options, this.#state(), options).compact(focus);
		});
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
