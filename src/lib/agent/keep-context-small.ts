import type { ModelRequest, ToolDefinition } from '../providers';
import { toolDefinitions } from '../tools';
import type { AgentOptions } from './agent-options';
import { DEFAULT_MAX_TOKENS } from './agent-options';
import { planClearing } from './context/clearing';
import { modelInfo as lookupModel, type ModelInfo } from './context/models';
import { contextThresholds, DEFAULT_CONTEXT_POLICY, type ContextPolicy } from './context/policy';
import { canCompact, runCompaction, type CompactionOutcome } from './context/run-compaction';
import { snapshotRequest } from './context/snapshot';
import { latestContextSize, sessionTotals } from './context/usage';
import { buildRequest } from './request-builder';
import type { TurnRecorder } from './turn-recorder';
import type { AgentMode, RequestSnapshot } from './types';

/** Room the compaction instruction takes on top of the request it is added to. */
const SUMMARY_REQUEST_TOKENS = 500;

export interface PreparedRequest {
	readonly request: ModelRequest;
	readonly snapshot: RequestSnapshot;
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
		this.#model = options.modelInfo ?? lookupModel(options.model);
		this.#policy = { ...DEFAULT_CONTEXT_POLICY, ...options.contextPolicy };
	}

	/**
	 * Clearing first (cheap, keeps the conversation), compaction only when clearing cannot bring
	 * the next request under its threshold. Both are recorded, so every later request (and
	 * rebuildRequest) sees the same result. Returns the request to send: the one it measured,
	 * rebuilt only when an event it persisted changed it (building and counting are not free).
	 */
	async keepContextSmall(): Promise<PreparedRequest> {
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
				await this.#recorder.persist({
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
			const outcome = await this.compact(false);
			if (!outcome.ok && !outcome.aborted) this.#autoCompactionFailed = true;
			this.emitStatus();
			prepared = this.#prepareRequest();
		}
		return prepared;
	}

	/** Summarises the session; `manual` for `/compact`, with the person's `focus` if any. */
	async compact(manual: boolean, focus?: string): Promise<CompactionOutcome> {
		const { workspace } = this.#options;
		const outcome = await runCompaction({
			provider: this.#options.provider,
			model: this.#options.model,
			tools: this.#tools,
			maxTokens: this.#maxTokens(),
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
			window: this.#model.contextWindow,
			mode: this.#mode(),
			manual,
			...(focus ? { focus } : {})
		});
		this.#recorder.addUsage(outcome.usage);
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
			used: latestContextSize(events)?.used ?? 0,
			window: this.#model.contextWindow,
			cacheReadShare: totals.cacheReadShare,
			costUsd: totals.costUsd
		});
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
}
