/**
 * Session totals from the log: what every response reported, priced by the model that answered.
 */
import type { Usage } from '../../providers';
import type { SessionEvent } from '../types';
import { modelInfo, type ModelInfo } from './models';

export interface UsageTotals {
	/** Uncached input. */
	readonly inputTokens: number;
	readonly cacheWriteTokens: number;
	readonly cacheReadTokens: number;
	readonly outputTokens: number;
	/** read / (input + write + read); 0 before any input. */
	readonly cacheReadShare: number;
	readonly costUsd: number;
	/** False when some usage came from a model without known prices (its cost counts as 0). */
	readonly costKnown: boolean;
}

/** What one response cost, in US dollars. */
export function costOf(usage: Usage, model: ModelInfo): number {
	const { prices } = model;
	return (
		(usage.inputTokens * prices.input +
			usage.cacheWriteTokens * prices.cacheWrite +
			usage.cacheReadTokens * prices.cacheRead +
			usage.outputTokens * prices.output) /
		1_000_000
	);
}

export function cacheReadShare(usage: Usage): number {
	const input = usage.inputTokens + usage.cacheWriteTokens + usage.cacheReadTokens;
	return input === 0 ? 0 : usage.cacheReadTokens / input;
}

/**
 * Everything the session's model calls used: steps and compactions. `lookup` maps a model id to
 * its table entry (tests and custom models pass their own).
 */
export function sessionTotals(
	events: readonly SessionEvent[],
	lookup: (model: string) => ModelInfo = modelInfo
): UsageTotals {
	const sum: Usage = { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 };
	let costUsd = 0;
	let costKnown = true;
	const add = (usage: Usage, model: string) => {
		sum.inputTokens += usage.inputTokens;
		sum.outputTokens += usage.outputTokens;
		sum.cacheReadTokens += usage.cacheReadTokens;
		sum.cacheWriteTokens += usage.cacheWriteTokens;
		const info = lookup(model);
		if (!info.known) costKnown = false;
		costUsd += costOf(usage, info);
	};
	for (const event of events) {
		if (event.type === 'assistant-step') add(event.usage, event.model);
		if (event.type === 'compaction' && event.usage) add(event.usage, event.model ?? '');
		// Subagents' tokens are the session's too: a task result carries its subagent's usage.
		const subagent = event.type === 'tool-result' ? event.metadata?.subagent : undefined;
		if (subagent) add(subagent.usage, subagent.model);
	}
	return { ...sum, cacheReadShare: cacheReadShare(sum), costUsd, costKnown };
}

/** Tokens a request and its answer occupy in the context window, by the API's count. */
export function contextTokens(usage: Usage): number {
	return usage.inputTokens + usage.cacheWriteTokens + usage.cacheReadTokens + usage.outputTokens;
}

/**
 * How full the context is as of the end of the log: the newest thing that sized it — an answer
 * (its reported usage), a compaction (the compacted estimate), or a request still waiting for its
 * answer (its estimate). A step cut before its usage arrived says nothing: it looks further back.
 * Undefined before the first request. The agent's live status and a reloaded chat both use this;
 * `estimated` says the number is Kiln's estimate (o200k), which calibration.ts may scale.
 */
export function latestContextSize(
	events: readonly SessionEvent[]
): { used: number; model: string | undefined; estimated: boolean } | undefined {
	for (let i = events.length - 1; i >= 0; i--) {
		const event = events[i]!;
		if (event.type === 'compaction') {
			return { used: event.tokensAfter, model: event.model, estimated: true };
		}
		if (event.type === 'assistant-step') {
			const used = contextTokens(event.usage);
			if (used > 0) return { used, model: event.model, estimated: false };
		}
		if (event.type === 'request') {
			const { estimatedInputTokens, model } = event.snapshot;
			return { used: estimatedInputTokens, model, estimated: true };
		}
	}
	return undefined;
}
