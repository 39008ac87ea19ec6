import type { ModelRequest, ProviderError, ToolDefinition, Usage } from '../providers';
import { toolDefinitions } from '../tools';
import type { AgentOptions } from './agent-options';
import { DEFAULT_MAX_TOKENS } from './agent-options';
import {
	parseOverflow,
	reportedInputTokens,
	TokenCalibration,
	MAX_RATIO
} from './context/calibration';
import { planClearing } from './context/clearing';
import {
	inputLimit,
	modelInfo as lookupModel,
	withContextWindow,
	type ModelInfo
} from './context/models';
import { contextThresholds, DEFAULT_CONTEXT_POLICY, type ContextPolicy } from './context/policy';
import { canCompact, runCompaction, type CompactionOutcome } from './context/run-compaction';
import { countedTexts, snapshotRequest } from './context/snapshot';
import { countAhead, loadTokenizer, tokenizerReady, tokenUpperBound } from './context/tokens';
import { latestContextSize, sessionTotals } from './context/usage';
import {
	boundDecidesNothing,
	emergencyPolicy,
	exactTokenCount,
	inputRoom,
	isNear,
	latestRequest,
	minimalEvents,
	oversizeMessageError,
	statedLimit
} from './context-fit';
import { buildRequest } from './request-builder';
import type { RequestImages } from './request-images';
import { modelAcceptsImages } from './context/images';
import type { TurnRecorder } from './turn-recorder';
import type { AgentError, AgentMode, RequestSnapshot, SessionEvent } from './types';

/** Room the compaction instruction takes on top of the request it is added to. */
const SUMMARY_REQUEST_TOKENS = 500;

/** What the model said when it refused a request as too long (N tokens > M maximum). */
type Overflow = { tokens: number; limit: number } | Record<string, never>;

export interface PreparedRequest {
	readonly request: ModelRequest;
	/**
	 * Its layers and estimate; missing when the request went ahead on an upper bound while the
	 * tokenizer loads (see snapshotOf).
	 */
	readonly snapshot?: RequestSnapshot;
}

interface MeasuredRequest extends PreparedRequest {
	readonly snapshot: RequestSnapshot;
}

/** An upper bound of a request's estimate: every counted text is in its JSON, and more. */
function requestUpperBound(request: ModelRequest): number {
	return tokenUpperBound(JSON.stringify(request));
}

/**
 * Keeps one turn's requests inside the model's window: builds each step's request, decides
 * when to clear old tool results and when to compact (the triggers), runs compactions, and
 * reports how full the context is. The thresholds themselves are in context/policy.ts.
 */
export class ContextUpkeep {
	readonly #options: AgentOptions;
	readonly #recorder: TurnRecorder;
	readonly #signal: AbortSignal;
	readonly #mode: () => AgentMode;
	readonly #tools: readonly ToolDefinition[];
	readonly #model: ModelInfo;
	readonly #policy: ContextPolicy;
	/**
	 * An automatic compaction failed in this turn: it is not tried again until the next turn,
	 * since every attempt is a paid summary request and a broken one would repeat each step.
	 */
	#autoCompactionFailed = false;
	/** Real ÷ estimated tokens per model, rebuilt from the log and refined by every answer. */
	readonly #calibration: TokenCalibration;
	/** Set when the model refused a request as too long: the next preparation compacts. */
	#overflow: Overflow | undefined;
	/**
	 * The limit the model stated when it refused a request, where lower than Kiln's model table
	 * says (a wrong window setting, a proxy that caps input): from then on it is the limit.
	 */
	#statedLimit: number | undefined;

	constructor(
		options: AgentOptions,
		recorder: TurnRecorder,
		signal: AbortSignal,
		mode: () => AgentMode
	) {
		this.#options = options;
		this.#recorder = recorder;
		this.#signal = signal;
		this.#mode = mode;
		this.#tools = options.tools ?? toolDefinitions();
		this.#model =
			options.modelInfo ?? withContextWindow(lookupModel(options.model), options.contextWindow);
		this.#policy = { ...DEFAULT_CONTEXT_POLICY, ...options.contextPolicy };
		this.#calibration = TokenCalibration.fromEvents(options.log.events);
		this.#statedLimit = statedLimit(options.log.events, options.model);
	}

	/**
	 * Clearing first (cheap, keeps the conversation), compaction only when clearing cannot bring
	 * the next request under its threshold. Both are recorded, so every later request (and
	 * rebuildRequest) sees the same result. Returns the request to send: the one it measured,
	 * rebuilt only when an event it persisted changed it (building and counting are not free).
	 */
	async keepContextSmall(): Promise<PreparedRequest> {
		if (!tokenizerReady()) {
			// The first send of a page should not wait for the tokenizer's 2 MB: where an upper
			// bound of the estimate already shows nothing to decide, the request goes now.
			const request = this.#buildRequest();
			if (this.#overflow === undefined && this.#boundIsEnough(request)) return { request };
			await loadTokenizer();
		}
		let prepared = await this.#prepareRequest();
		await this.#countIfNear(prepared);
		// Everything below is in estimated tokens: the window is scaled down by the calibration
		// instead of every estimate up, so clearing's own estimates stay comparable.
		const { window, reserve } = this.#scaledLimits();
		const { clearAt, compactAt } = contextThresholds(window, reserve, this.#policy);
		let estimate = prepared.snapshot.estimatedInputTokens;
		const forced = this.#overflow !== undefined;
		if (estimate > clearAt || forced) {
			const events = this.#options.log.events;
			const policy = forced ? emergencyPolicy(this.#policy) : this.#policy;
			const imagesAccepted = this.#images().accepted;
			const plan = planClearing({ events, estimate, window, policy, imagesAccepted });
			// When clearing cannot avoid a compaction it is skipped: it would only make the
			// summary request miss the cache from the first cleared result on. Unless the summary
			// request itself would not fit: then room comes first.
			const avoidsCompaction = plan && estimate - plan.tokensFreed <= compactAt && !forced;
			const summaryFits = estimate + SUMMARY_REQUEST_TOKENS <= window - reserve;
			if (plan && (avoidsCompaction || !canCompact(events) || !summaryFits)) {
				await this.#recorder.persist({
					type: 'context-cleared',
					at: Date.now(),
					toolCallIds: plan.toolCallIds,
					tokensFreed: plan.tokensFreed
				});
				prepared = await this.#prepareRequest();
				estimate = prepared.snapshot.estimatedInputTokens;
			}
		}
		const events = this.#options.log.events;
		if (
			(estimate > compactAt || forced) &&
			(forced || !this.#autoCompactionFailed) &&
			canCompact(events)
		) {
			// A failed compaction is reported (compaction-failed) and the step still runs: the
			// API may yet accept the request, and if not its error tells the person what to do.
			const outcome = await this.compact(false);
			if (!outcome.ok && !outcome.aborted) this.#autoCompactionFailed = true;
			this.emitStatus();
			prepared = await this.#prepareRequest();
		}
		this.#overflow = undefined;
		return prepared;
	}

	/**
	 * The model refused `snapshot`'s request as too long: learn its real size from the refusal,
	 * and have the next preparation compact (or clear) whatever the estimate says. False when
	 * nothing can be made smaller, so a retry would only be refused again.
	 */
	noteOverflow(snapshot: RequestSnapshot, error: ProviderError): boolean {
		const sizes = parseOverflow(error.message);
		// Without numbers, all that is known is that the request passed the model's limit.
		const tokens = sizes?.tokens ?? this.#inputLimit() + 1;
		if (!snapshot.rough) {
			this.#calibration.observe(this.#options.model, snapshot.estimatedInputTokens, tokens);
		}
		if (sizes && sizes.limit > 0 && sizes.limit < this.#inputLimit()) {
			this.#statedLimit = sizes.limit;
		}
		this.#overflow = sizes ?? {};
		const events = this.#options.log.events;
		const { window } = this.#scaledLimits();
		const estimate = snapshot.estimatedInputTokens;
		const plan = planClearing({ events, estimate, window, policy: emergencyPolicy(this.#policy) });
		return canCompact(events) || plan !== undefined;
	}

	/**
	 * The request's snapshot for the log and the inspector, at once. A request that went out on
	 * the upper bound while the tokenizer loads is counted roughly and marked so: waiting for the
	 * 2 MB table would hold the step's answer (and the turn's end) on a slow network for seconds.
	 */
	snapshotOf(prepared: PreparedRequest): RequestSnapshot {
		if (prepared.snapshot) return prepared.snapshot;
		if (tokenizerReady()) return snapshotRequest(prepared.request, { kind: 'step' });
		return { ...snapshotRequest(prepared.request, { kind: 'step' }), rough: true };
	}

	/** Learns from what the API reported for a request this upkeep prepared (rough ones teach nothing). */
	observe(snapshot: RequestSnapshot, usage: Usage): void {
		if (snapshot.rough) return;
		this.#calibration.observe(
			snapshot.model,
			snapshot.estimatedInputTokens,
			reportedInputTokens(usage)
		);
	}

	/**
	 * Refuses, before anything is stored, a message that could not fit even alone: with the
	 * instructions, tools and session context, more than the model's input room. Undefined when
	 * it fits (measured with the provider's exact count when the estimate says it might not).
	 */
	async checkMessageFits(text: string): Promise<AgentError | undefined> {
		const room = inputRoom(this.#limitedModel(), this.#maxTokens());
		const request = buildRequest({
			model: this.#options.model,
			events: minimalEvents(this.#options.log.events, text),
			tools: this.#tools,
			maxTokens: this.#maxTokens()
		});
		if (!tokenizerReady()) {
			// The bound is never below the estimate: if it fits, the message fits.
			const bound = this.#calibration.scale(this.#options.model, requestUpperBound(request));
			if (bound <= room) return undefined;
			await loadTokenizer();
		}
		await countAhead(countedTexts(request));
		const estimate = snapshotRequest(request, { kind: 'step' }).estimatedInputTokens;
		const calibrated = this.#calibration.scale(this.#options.model, estimate);
		if (calibrated <= room) return undefined;
		const exact = await exactTokenCount(this.#options.provider, request, this.#signal);
		if (exact !== undefined) {
			this.#calibration.observe(this.#options.model, estimate, exact);
			if (exact <= room) return undefined;
		}
		return oversizeMessageError(this.#options.model, exact ?? calibrated, room, this.#maxTokens());
	}

	/** Summarises the session; `manual` for `/compact`, with the person's `focus` if any. */
	async compact(manual: boolean, focus?: string): Promise<CompactionOutcome> {
		const { workspace } = this.#options;
		const outcome = await runCompaction({
			provider: this.#options.provider,
			model: this.#options.model,
			tools: this.#tools,
			maxTokens: this.#maxTokens(),
			images: this.#images(),
			events: () => this.#options.log.events,
			persist: (event) => this.#recorder.persist(event),
			emit: (event) => this.#recorder.emit(event),
			signal: this.#signal,
			retry: this.#options.retry ?? {},
			policy: this.#policy,
			sources: {
				readFile: async (path) => (workspace.exists(path) ? workspace.readText(path) : undefined),
				...(this.#options.projectMemory ? { projectMemory: this.#options.projectMemory } : {})
			},
			window: this.#scaledLimits().window,
			mode: this.#mode(),
			manual,
			...(focus ? { focus } : {}),
			...(this.#overflow && !manual ? { overflow: this.#overflow } : {})
		});
		this.#recorder.addUsage(outcome.usage);
		const request = latestRequest(this.#options.log.events, 'compaction');
		if (outcome.ok && request) this.observe(request, outcome.usage);
		return outcome;
	}

	/** How full the context is and what the session cost, after each step and compaction. */
	emitStatus(): void {
		const events = this.#options.log.events;
		const totals = sessionTotals(events, (model) =>
			model === this.#options.model ? this.#model : lookupModel(model)
		);
		this.#recorder.emit({
			type: 'context-status',
			used: this.#calibratedSize(events),
			window: this.#model.contextWindow,
			cacheReadShare: totals.cacheReadShare,
			costUsd: totals.costUsd
		});
	}

	/** How full the context is, an estimate scaled to the model's count. */
	#calibratedSize(events: readonly SessionEvent[]): number {
		const latest = latestContextSize(events);
		if (!latest) return 0;
		if (!latest.estimated) return latest.used;
		return this.#calibration.scale(latest.model ?? this.#options.model, latest.used);
	}

	/**
	 * The next step's request as the log stands, with its snapshot (which holds the estimate).
	 * Its texts are counted first in short tasks, so the snapshot counts from memory.
	 */
	async #prepareRequest(): Promise<MeasuredRequest> {
		const request = this.#buildRequest();
		await countAhead(countedTexts(request));
		return { request, snapshot: snapshotRequest(request, { kind: 'step' }) };
	}

	#buildRequest(): ModelRequest {
		return buildRequest({
			model: this.#options.model,
			events: this.#options.log.events,
			tools: this.#tools,
			maxTokens: this.#maxTokens(),
			images: this.#images()
		});
	}

	/** The session's images, as this model takes them (notes where it cannot, or may not). */
	#images(): RequestImages {
		const { log, model, imagesAccepted } = this.#options;
		return {
			accepted: modelAcceptsImages(model, imagesAccepted) ?? false,
			data: (hash) => log.image(hash)
		};
	}

	/** Whether `request` can go out before the tokenizer is here (context-fit.ts). */
	#boundIsEnough(request: ModelRequest): boolean {
		const model = this.#options.model;
		const { window, reserve } = this.#scaledLimits();
		return boundDecidesNothing({
			bound: requestUpperBound(request),
			worstRatio: this.#calibration.knows(model) ? this.#calibration.ratio(model) : MAX_RATIO,
			thresholds: contextThresholds(this.#inputLimit(), this.#maxTokens(), this.#policy),
			scaled: contextThresholds(window, reserve, this.#policy),
			firstTurn: !this.#options.log.events.some((event) => event.type === 'assistant-step')
		});
	}

	#maxTokens(): number {
		return this.#options.maxTokens ?? DEFAULT_MAX_TOKENS;
	}

	/** Input tokens a request may carry: the model table's limit, or the one the model stated. */
	#inputLimit(): number {
		return Math.min(inputLimit(this.#model), this.#statedLimit ?? Number.POSITIVE_INFINITY);
	}

	#limitedModel(): ModelInfo {
		const limit = this.#inputLimit();
		return limit < inputLimit(this.#model)
			? { ...this.#model, maxInputTokens: limit }
			: this.#model;
	}

	/** The model's input limit and the answer's reserve, in estimated tokens. */
	#scaledLimits(): { window: number; reserve: number } {
		const ratio = this.#calibration.ratio(this.#options.model);
		return {
			window: Math.floor(this.#inputLimit() / ratio),
			reserve: Math.ceil(this.#maxTokens() / ratio)
		};
	}

	/**
	 * Asks the provider for the exact count (free at Anthropic) where the calibration's error
	 * could flip a decision: near a threshold, or before any answer taught the ratio when even
	 * the highest ratio could cross one. Learns from it; a failed count changes nothing.
	 */
	async #countIfNear(prepared: MeasuredRequest): Promise<void> {
		if (!this.#options.provider.countTokens) return;
		const model = this.#options.model;
		const estimate = prepared.snapshot.estimatedInputTokens;
		const thresholds = contextThresholds(this.#inputLimit(), this.#maxTokens(), this.#policy);
		const near = this.#calibration.knows(model)
			? isNear(this.#calibration.scale(model, estimate), thresholds)
			: estimate * MAX_RATIO > thresholds.clearAt;
		if (!near) return;
		const exact = await exactTokenCount(this.#options.provider, prepared.request, this.#signal);
		if (exact !== undefined) this.#calibration.observe(model, estimate, exact);
	}
}
