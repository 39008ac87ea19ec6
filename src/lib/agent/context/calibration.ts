/**
 * Token estimates that correct themselves. Every request is estimated with o200k (tokens.ts)
 * before it is sent; the API then says how many tokens it really was (usage: uncached input +
 * cache write + cache read), or counts it for free (Anthropic's count-tokens), or refuses it
 * with "prompt is too long: N tokens". Each of those is a sample of real ÷ estimated for that
 * model, and the ratio scales the next estimates, so clearing and compaction fire on the
 * model's own numbers (Claude's tokenizer counts noticeably more than o200k).
 *
 * The ratio never goes below 1: an overestimate only compacts a little early, an underestimate
 * gets a request refused, so Kiln never trusts a model to count fewer tokens than o200k does.
 * It rises at once to a higher sample (the next request must fit now) and falls slowly (one
 * light request should not undo what a heavy one taught). Above 3 a sample says more about a
 * broken usage report than about a tokenizer, so it is capped there.
 *
 * Nothing is stored: the log's request events (estimate) and the usage after them rebuild it
 * on resume (fromEvents).
 */
import type { Usage } from '../../providers';
import type { SessionEvent } from '../types';
import { requestUsage } from './snapshot';

export const MIN_RATIO = 1;
export const MAX_RATIO = 3;
/** How far a lower sample pulls the ratio down. */
export const FALL_RATE = 0.25;
/** Below this many estimated tokens, per-block framing dominates and says little of the tokenizer. */
export const MIN_SAMPLE_TOKENS = 256;

/** The tokens a request occupied by the API's count (its output is not input). */
export function reportedInputTokens(usage: Usage): number {
	return usage.inputTokens + usage.cacheWriteTokens + usage.cacheReadTokens;
}

interface ModelCalibration {
	ratio: number;
	samples: number;
}

export class TokenCalibration {
	readonly #models = new Map<string, ModelCalibration>();

	/** Real ÷ estimated tokens for `model` (1 until something was learnt). */
	ratio(model: string): number {
		return this.#models.get(model)?.ratio ?? MIN_RATIO;
	}

	/** Whether any sample for `model` has been seen. */
	knows(model: string): boolean {
		return this.#models.has(model);
	}

	/** `estimate` as the model would count it. */
	scale(model: string, estimate: number): number {
		return Math.ceil(estimate * this.ratio(model));
	}

	/**
	 * Learns from one request: `estimated` tokens by o200k, `actual` by the API. Samples too small
	 * to tell, or without a count (some servers report 0), are ignored. Returns the new ratio.
	 */
	observe(model: string, estimated: number, actual: number): number {
		if (!(estimated >= MIN_SAMPLE_TOKENS) || !(actual > 0) || !Number.isFinite(actual)) {
			return this.ratio(model);
		}
		const sample = clamp(actual / estimated);
		const known = this.#models.get(model);
		const ratio =
			!known || sample > known.ratio ? sample : known.ratio + FALL_RATE * (sample - known.ratio);
		this.#models.set(model, { ratio: clamp(ratio), samples: (known?.samples ?? 0) + 1 });
		return clamp(ratio);
	}

	/** Every request of a log that got an answer with usage, oldest first. */
	static fromEvents(events: readonly SessionEvent[]): TokenCalibration {
		const calibration = new TokenCalibration();
		events.forEach((event, index) => {
			// A rough count (the tokenizer was loading) says nothing about the tokenizer's error.
			if (event.type !== 'request' || event.snapshot.rough) return;
			const usage = requestUsage(events, index);
			if (!usage) return;
			const { model, estimatedInputTokens } = event.snapshot;
			calibration.observe(model, estimatedInputTokens, reportedInputTokens(usage));
		});
		return calibration;
	}
}

function clamp(ratio: number): number {
	return Math.min(MAX_RATIO, Math.max(MIN_RATIO, ratio));
}

/**
 * "prompt is too long: 210345 tokens > 200000 maximum" (Anthropic), OpenAI's "This model's
 * maximum context length is 128000 tokens. However, your messages resulted in 130512 tokens" and
 * vLLM's variant of it: the real size of the refused request and the model's limit, when the
 * message says them.
 */
export function parseOverflow(message: string): { tokens: number; limit: number } | undefined {
	const anthropic = /(\d[\d,]*)\s*tokens?\s*>\s*(\d[\d,]*)\s*maximum/i.exec(message);
	if (anthropic) return { tokens: toNumber(anthropic[1]!), limit: toNumber(anthropic[2]!) };
	const limit = /maximum context length is (\d[\d,]*)/i.exec(message);
	// vLLM: "However, you requested 5000 tokens (4000 in the messages, 1000 in the completion)".
	const tokens =
		/resulted in (\d[\d,]*) tokens/i.exec(message) ?? /(\d[\d,]*) in the messages/i.exec(message);
	if (limit && tokens) return { tokens: toNumber(tokens[1]!), limit: toNumber(limit[1]!) };
	return undefined;
}

function toNumber(text: string): number {
	return Number(text.replaceAll(',', ''));
}
