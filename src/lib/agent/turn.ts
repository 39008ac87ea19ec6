import { ProviderError } from '../providers';
import type { ImageRef, SessionImage } from '../session';
import type { createReadTracker } from '../tools';
import {
	DEFAULT_MAX_STEPS,
	type AgentOptions,
	type TurnEnd,
	type TurnOptions,
	type TurnResult
} from './agent-options';
import { overflowAfterRetryError, overflowNothingToShrinkError } from './context-fit';
import { ContextUpkeep, type PreparedRequest } from './keep-context-small';
import { loadTokenizer } from './context/tokens';
import { canCompact } from './context/run-compaction';
import { currentMode } from './current-mode';
import {
	runModelStep,
	stepStopReason,
	toAgentError,
	ZERO_USAGE,
	type StepOutcome
} from './model-step';
import { StepTools } from './step-tools';
import { TurnRecorder, newId } from './turn-recorder';
import { startTurn } from './turn-start';
import type { AgentError, AgentMode, RequestSnapshot } from './types';
import { messageOf } from '../errors';

/** What a Turn needs from its Agent besides the options. */
export interface AgentState {
	readonly readTracker: ReturnType<typeof createReadTracker>;
	/** A mode switch asked for while the turn runs, persisted at the next step boundary. */
	takePendingMode(): AgentMode | undefined;
	mode(): AgentMode;
}

/**
 * One turn: the step loop. Each iteration keeps the context small (keep-context-small.ts), records
 * the request, runs one model step (model-step.ts), records it, and runs its tool calls
 * (step-tools.ts), until the model stops calling tools or a limit, an error or Stop ends it.
 */
export class Turn {
	readonly #options: AgentOptions;
	readonly #agent: AgentState;
	readonly #signal: AbortSignal;
	readonly #recorder: TurnRecorder;
	readonly #context: ContextUpkeep;
	readonly #tools: StepTools;
	readonly #images: readonly SessionImage[];

	constructor(options: AgentOptions, agent: AgentState, turn: TurnOptions) {
		this.#options = options;
		this.#agent = agent;
		this.#signal = turn.signal;
		this.#images = turn.images ?? [];
		this.#recorder = new TurnRecorder(options.log, turn.onEvent);
		const mode = () => this.#agent.mode();
		this.#context = new ContextUpkeep(options, this.#recorder, turn.signal, mode);
		this.#tools = new StepTools(options, this.#recorder, turn.signal, agent.readTracker, mode);
	}

	async run(text: string): Promise<TurnResult> {
		let end: TurnEnd;
		try {
			// Starts loading the tokenizer (the app prefetches it in idle time) without waiting:
			// the first request goes out on an upper bound where that is enough (ContextUpkeep).
			void loadTokenizer();
			// Refused before anything is stored: the log stays as it was (the chat still shows the text).
			const tooLong = await this.#context.checkMessageFits(text);
			if (tooLong) return { reason: 'error', error: tooLong, usage: this.#recorder.usage };
			// Stored before the message that names them: a log never refers to a missing image.
			const images = await this.#storeImages();
			if (!Array.isArray(images))
				return { reason: 'error', error: images, usage: this.#recorder.usage };
			await startTurn(this.#options, this.#recorder, { text, images }, () =>
				this.#persistPendingMode()
			);
			end = await this.#loop();
		} catch (error) {
			end = { reason: 'error', error: internalError(error) };
		}
		if (this.#options.stopProcessesAfterTurn) {
			await this.#options
				.runtime()
				.processes?.killAll((info) => info.startedBy === 'agent')
				.catch(() => undefined);
		}
		try {
			await this.#recorder.persist({
				type: 'turn-end',
				at: Date.now(),
				reason: end.reason,
				...(end.error ? { error: end.error } : {}),
				usage: this.#recorder.usage
			});
		} catch (error) {
			// The log could not be written: still tell the caller, with the first problem seen.
			end = { reason: 'error', error: end.error ?? internalError(error) };
		}
		return { ...end, usage: this.#recorder.usage };
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
			const outcome = await this.#context.compact(true, focus || undefined);
			this.#context.emitStatus();
			if (outcome.ok) return { reason: 'completed', usage: this.#recorder.usage };
			return {
				reason: outcome.aborted ? 'aborted' : 'error',
				...(outcome.error ? { error: outcome.error } : {}),
				usage: this.#recorder.usage
			};
		} catch (error) {
			return { reason: 'error', error: internalError(error), usage: this.#recorder.usage };
		}
	}

	/** The attached images, stored; an unreadable one refuses the message before it is stored. */
	async #storeImages(): Promise<ImageRef[] | AgentError> {
		const refs: ImageRef[] = [];
		for (const image of this.#images) {
			try {
				refs.push(await this.#options.log.putImage(image));
			} catch (error) {
				return {
					kind: 'invalid-image',
					message: `An attached image could not be kept: ${messageOf(error)} Remove it and attach it again.`
				};
			}
		}
		return refs;
	}

	async #persistPendingMode(): Promise<void> {
		const mode = this.#agent.takePendingMode();
		if (mode !== undefined && mode !== currentMode(this.#options.log.events)) {
			await this.#recorder.persist({ type: 'mode-change', at: Date.now(), mode });
		}
	}

	async #loop(): Promise<TurnEnd> {
		const maxSteps = this.#options.maxSteps ?? DEFAULT_MAX_STEPS;
		for (let step = 1; step <= maxSteps; step++) {
			if (this.#signal.aborted) return { reason: 'aborted' };
			await this.#persistPendingMode();
			const sent = await this.#sendStep(step);
			if (!('accumulator' in sent)) return sent;
			const outcome = sent;
			const calls = outcome.accumulator.toolCalls;
			const hasOutput = outcome.accumulator.content.length > 0;
			if (outcome.complete || hasOutput) await this.#persistStep(step, outcome);
			this.#context.emitStatus();

			if (!outcome.complete) {
				await this.#tools.cancel(calls);
				if (outcome.error) return { reason: 'error', error: toAgentError(outcome.error) };
				return { reason: 'aborted' };
			}
			if (calls.length === 0) return { reason: 'completed' };

			const results = await this.#tools.run(calls);
			if (this.#signal.aborted) return { reason: 'aborted' };
			const limit = this.#tools.countFailures(results);
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

	/**
	 * Prepares the step's request (keeping the context small), records it and runs it. A request
	 * the model refuses as too long teaches the calibration its real size, and is prepared again
	 * (compacted) and sent once more; a second refusal ends the turn.
	 */
	async #sendStep(step: number): Promise<StepOutcome | TurnEnd> {
		let retried = false;
		for (;;) {
			const prepared = await this.#context.keepContextSmall();
			const request = prepared.request;
			if (this.#signal.aborted) return { reason: 'aborted' };
			// The request event is stored while the model answers, before the step is (the log's
			// order is the same): the request does not wait for IndexedDB (busy with the turn's
			// checkpoint on a big project), nor, when it went out on an upper bound, for the
			// tokenizer's estimate. A failure to store it ends the turn below, as before.
			const stored = this.#storeRequest(step, prepared);
			stored.catch(() => {});
			const outcome = await runModelStep({
				provider: this.#options.provider,
				request,
				step,
				signal: this.#signal,
				retry: this.#options.retry ?? {},
				emit: (event) => this.#recorder.emit(event)
			});
			const snapshot = await stored;
			const usage = outcome.accumulator.usage;
			if (usage) this.#context.observe(snapshot, usage);
			const error = outcome.error;
			if (error?.kind !== 'context_overflow' || outcome.accumulator.content.length > 0) {
				return outcome;
			}
			const shrinkable = this.#context.noteOverflow(snapshot, error);
			if (retried) return { reason: 'error', error: overflowAfterRetryError(error) };
			if (!shrinkable) return { reason: 'error', error: overflowNothingToShrinkError(error) };
			retried = true;
		}
	}

	/** Stores the step's request event (before the step's answer); resolves to its snapshot. */
	async #storeRequest(step: number, prepared: PreparedRequest): Promise<RequestSnapshot> {
		const at = Date.now();
		const snapshot = this.#context.snapshotOf(prepared);
		await this.#recorder.persist({ type: 'request', at, step, snapshot });
		return snapshot;
	}

	async #persistStep(step: number, outcome: StepOutcome): Promise<void> {
		const accumulator = outcome.accumulator;
		const usage = accumulator.usage ?? ZERO_USAGE;
		this.#recorder.addUsage(usage);
		await this.#recorder.persist({
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
}

function internalError(error: unknown): AgentError {
	if (error instanceof ProviderError) return toAgentError(error);
	const message = messageOf(error);
	return {
		kind: 'internal',
		message: `Kiln hit an internal error and stopped the turn: ${message}. Send the message again; if it keeps happening, report it as a Kiln bug.`
	};
}
