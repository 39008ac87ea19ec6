/** What one replay cost and how full its context got, from the simulator's accounts and the log. */
import {
	COST_WEIGHTS,
	FIVE_MINUTES_MS,
	inputCost,
	perfectCacheFloor
} from '../../../tooling/mock-model/cache';
import type { ReplayResult } from './replay';

/** Input-token equivalents: Anthropic bills cache writes at 1.25× and reads at 0.1× (5-minute TTL). */
export const WRITE_WEIGHT = COST_WEIGHTS.write;
export const READ_WEIGHT = COST_WEIGHTS.read;

export interface RunMetrics {
	requests: number;
	/** Summary requests among them. */
	compactionRequests: number;
	/** Uncached + cache write + cache read, over every request. */
	inputTokens: number;
	uncachedTokens: number;
	cacheWriteTokens: number;
	cacheReadTokens: number;
	outputTokens: number;
	/** read / (uncached + write + read). */
	cacheReadShare: number;
	/** uncached + 1.25 × write + 0.1 × read (output not included). */
	costInputEquivalents: number;
	/** The least any prompt cache could bill for these same requests (cache-floor.ts). */
	floorInputEquivalents: number;
	/** The same under a 5-minute lifetime: what breaks in the session cost by themselves. */
	floor5mInputEquivalents: number;
	/** cost / floor. */
	costVsFloor: number;
	/** The largest prompt sent (tokens). */
	peakContextTokens: number;
	peakContextShare: number;
	clearings: number;
	compactions: number;
	/** A request was larger than the window (the simulated API refused it). */
	overflow: boolean;
	refusals: string[];
	/** Tool calls that failed: a scripted call the real tools refused (should be 0). */
	toolFailures: number;
	/** Turns that did not end 'completed', as "reason: message". */
	turnProblems: string[];
	extraRequests: number;
	/** Scripted calls the pasted project answered (whole-project baseline). */
	answeredFromPaste: number;
}

export function measure(result: ReplayResult, window: number): RunMetrics {
	let uncached = 0;
	let write = 0;
	let read = 0;
	let peak = 0;
	for (const account of result.accounts) {
		uncached += account.usage.input_tokens;
		write += account.usage.cache_creation_input_tokens;
		read += account.usage.cache_read_input_tokens;
		peak = Math.max(peak, account.totalInputTokens);
	}
	const input = uncached + write + read;
	let outputTokens = 0;
	let clearings = 0;
	let compactions = 0;
	let compactionRequests = 0;
	let toolFailures = 0;
	for (const event of result.events) {
		if (event.type === 'assistant-step') outputTokens += event.usage.outputTokens;
		if (event.type === 'context-cleared') clearings += 1;
		if (event.type === 'compaction') {
			compactions += 1;
			outputTokens += event.usage?.outputTokens ?? 0;
		}
		if (event.type === 'request' && event.snapshot.kind === 'compaction') compactionRequests += 1;
		if (event.type === 'tool-result' && !event.ok) toolFailures += 1;
	}
	const cost = inputCost({
		input_tokens: uncached,
		cache_creation_input_tokens: write,
		cache_read_input_tokens: read
	});
	const floor = perfectCacheFloor(result.trace).cost;
	const tooLong = result.refusals.filter((reason) => reason.includes('prompt is too long'));
	return {
		requests: result.accounts.length,
		compactionRequests,
		inputTokens: input,
		uncachedTokens: uncached,
		cacheWriteTokens: write,
		cacheReadTokens: read,
		outputTokens,
		cacheReadShare: input === 0 ? 0 : read / input,
		costInputEquivalents: cost,
		floorInputEquivalents: floor,
		floor5mInputEquivalents: perfectCacheFloor(result.trace, { ttlMs: FIVE_MINUTES_MS }).cost,
		costVsFloor: floor === 0 ? 1 : cost / floor,
		peakContextTokens: peak,
		peakContextShare: peak / window,
		clearings,
		compactions,
		overflow: tooLong.length > 0 || peak > window,
		refusals: result.refusals,
		toolFailures,
		turnProblems: result.turns
			.filter((turn) => turn.reason !== 'completed')
			.map((turn) => `${turn.reason}: ${turn.error?.message ?? ''}`.trim()),
		extraRequests: result.extraRequests,
		answeredFromPaste: result.answeredFromPaste
	};
}
