/**
 * Runs sessions × variants against one mock server with the cache simulator on, and builds the
 * report. Sessions run one after another: each replay resets the server (and its cache).
 */
import { loadModelCatalog, modelInfo } from '../../src/lib/agent';
import {
	characterEstimate,
	characterEstimateNote,
	FIVE_MINUTES_MS
} from '../../tooling/mock-model/cache';
import { startMockModelServer } from '../../tooling/mock-model';
import { measure } from './harness/metrics';
import { BENCH_MODEL, replaySession } from './harness/replay';
import { VARIANTS, type Variant } from './harness/variants';
import { checkTargets, type BenchReport, type SessionReport } from './report';
import { stepCount, type BenchSession } from './sessions';

export interface BenchmarkOptions {
	sessions: BenchSession[];
	variants?: Variant[];
	/** Simulated seconds per request (default 10 s). */
	stepMs?: number;
	/**
	 * The context window (default BENCH_WINDOW; tests use a small one to force clearing and
	 * compaction).
	 */
	contextWindow?: number;
	onProgress?: (message: string) => void;
	/**
	 * How the simulated API counts tokens, with a note for the report. Default: characters /
	 * 3.5, deliberately not the agent's estimator (token-counter.ts says why).
	 */
	tokenizer?: { countTokens: (text: string) => number; note: string };
}

/** The simulated API's token counter unless a caller picks another. */
export function benchTokenizer(): { countTokens: (text: string) => number; note: string } {
	return { countTokens: characterEstimate(), note: characterEstimateNote() };
}

const MINIMUM_TOKENS = 1024;
/**
 * The window the sessions run in: 200k, Claude's standard window. The sessions were written to
 * cross clearing and compaction there; the catalog lists 1M for the bench model (its long-context
 * option), where neither would ever fire and the bench would measure nothing of them.
 */
export const BENCH_WINDOW = 200_000;
const LOOKBACK_BLOCKS = 20;

export async function runContextBenchmark(options: BenchmarkOptions): Promise<BenchReport> {
	// The window and prices come from the catalog, which loads on demand (else: the fallback).
	await loadModelCatalog();
	const info = modelInfo(BENCH_MODEL);
	const window = options.contextWindow ?? BENCH_WINDOW;
	const stepMs = options.stepMs ?? 10_000;
	const tokenizer = options.tokenizer ?? benchTokenizer();
	const server = await startMockModelServer({
		cache: {
			enabled: true,
			stepMs,
			minimumTokens: MINIMUM_TOKENS,
			lookbackBlocks: LOOKBACK_BLOCKS,
			contextWindow: window,
			countTokens: tokenizer.countTokens
		}
	});
	try {
		const sessions: SessionReport[] = [];
		for (const session of options.sessions) {
			const report: SessionReport = {
				id: session.id,
				title: session.title,
				scriptedSteps: stepCount(session),
				variants: {}
			};
			for (const variant of options.variants ?? VARIANTS) {
				const started = Date.now();
				const result = await replaySession(session, variant, server, {
					...info,
					contextWindow: window
				});
				report.variants[variant.id] = measure(result, window);
				options.onProgress?.(
					`${session.id} / ${variant.id}: ${result.accounts.length} requests in ${((Date.now() - started) / 1000).toFixed(1)} s`
				);
			}
			sessions.push(report);
		}
		return {
			benchmark: 'context',
			model: BENCH_MODEL,
			contextWindow: window,
			tokenizer: tokenizer.note,
			simulator: {
				stepMs,
				minimumTokens: MINIMUM_TOKENS,
				ttlMs: FIVE_MINUTES_MS,
				lookbackBlocks: LOOKBACK_BLOCKS
			},
			sessions,
			targets: checkTargets(sessions)
		};
	} finally {
		await server.close();
	}
}

/** Kiln's variant overflowed the window in some session: the benchmark fails. */
export function hasOverflow(report: BenchReport): boolean {
	return report.sessions.some((session) => session.variants.kiln?.overflow === true);
}
