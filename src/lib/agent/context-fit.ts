/**
 * Whether a request fits the model, for keep-context-small.ts: the input room, exact counts
 * where the API offers them (the estimate where it does not, or fails), what a refusal as too
 * long leaves behind (the limit the model stated, the clearing that makes room for a summary),
 * and the words for a message too big to ever fit or a request refused twice.
 */
import type { ModelRequest, Provider, ProviderError } from '../providers';
import { parseOverflow } from './context/calibration';
import { inputLimit, type ModelInfo } from './context/models';
import type { ContextPolicy, Thresholds } from './context/policy';
import type { AgentError, RequestSnapshot, SessionEvent } from './types';

/**
 * An estimate within this share of a threshold is checked with the provider's exact count (where
 * it has one) before deciding: there the calibration's error could flip the decision.
 */
const NEAR_THRESHOLD_SHARE = 0.1;

/** Input tokens a request may carry: the input limit, less the room kept for the answer. */
export function inputRoom(model: ModelInfo, maxTokens: number): number {
	return Math.max(0, Math.min(inputLimit(model), model.contextWindow - maxTokens));
}

/**
 * The provider's own count of `request`, or undefined where it has none or the call failed (a
 * network error, a rate limit): an exact count is a bonus, never a reason to stop a turn.
 */
export async function exactTokenCount(
	provider: Provider,
	request: ModelRequest,
	signal: AbortSignal
): Promise<number | undefined> {
	if (!provider.countTokens || signal.aborted) return undefined;
	try {
		const count = await provider.countTokens(request, signal);
		return Number.isFinite(count) && count > 0 ? count : undefined;
	} catch {
		return undefined;
	}
}

/** A message that cannot fit even alone (with the instructions and tools): not sent, not stored. */
export function oversizeMessageError(
	modelId: string,
	tokens: number,
	room: number,
	maxTokens: number
): AgentError {
	return {
		kind: 'message-too-long',
		message:
			`This message is too long for ${modelId}: with Kiln's instructions and tools it comes to about ${tokens.toLocaleString('en-US')} tokens, ` +
			`and the model takes ${room.toLocaleString('en-US')} tokens of input (its window less ${maxTokens.toLocaleString('en-US')} kept for the answer). ` +
			'It was not sent and nothing was saved. Attach less (a smaller file or an excerpt), or split it into several messages.'
	};
}

/** The model refused the request as too long even after Kiln compacted and retried. */
export function overflowAfterRetryError(error: ProviderError): AgentError {
	const said = statedSizes(error);
	return {
		kind: error.kind,
		message:
			`The model refused the request as too long${said}, again after Kiln compacted the conversation and retried. ` +
			'Start a new chat (or /compact with a focus), attach less, or pick a model with a larger context window; if the model’s context window is set by hand, check it.'
	};
}

/** The model refused the request as too long and nothing could be made smaller. */
export function overflowNothingToShrinkError(error: ProviderError): AgentError {
	const said = statedSizes(error);
	return {
		kind: error.kind,
		message:
			`The model refused the request as too long${said}, and there is nothing Kiln can compact or clear yet. ` +
			'Start a new chat and attach less, or split the message into several.'
	};
}

/**
 * Clearing after the model refused a request as too long: the summary request carries the whole
 * conversation, so it would be refused too unless room is made first, from the newest results
 * on if need be (the newest is often the one that overflowed). The placeholders say how to get
 * each back, and the compaction re-reads the recently used files.
 */
export function emergencyPolicy(policy: ContextPolicy): ContextPolicy {
	return { ...policy, keepRecentResults: 0, minClearTokens: 0, minClearShare: 0 };
}

/**
 * Whether a request may go out on `bound`, an upper bound of its estimate (the tokenizer is still
 * loading), because the estimate itself, which is lower, could change no decision: it stays
 * clear of every threshold even at the worst ratio (so no exact count is asked for, nothing is
 * cleared or compacted), or it is the session's first turn (nothing to clear yet) and stays under
 * compaction at the ratio known so far. Otherwise the turn waits for the tokenizer.
 */
export function boundDecidesNothing(input: {
	bound: number;
	/** The calibration's ratio where it knows the model, else MAX_RATIO (as #countIfNear). */
	worstRatio: number;
	/** In the model's tokens: what the exact count is asked for near. */
	thresholds: Thresholds;
	/** In estimated tokens (the window scaled down by the calibration): what decides. */
	scaled: Thresholds;
	firstTurn: boolean;
}): boolean {
	const { bound, thresholds, scaled } = input;
	const lowest = Math.min(thresholds.clearAt, thresholds.compactAt) * (1 - NEAR_THRESHOLD_SHARE);
	if (bound * input.worstRatio < lowest && bound <= scaled.clearAt) return true;
	return input.firstTurn && bound <= scaled.compactAt;
}

export function isNear(tokens: number, { clearAt, compactAt }: Thresholds): boolean {
	return [clearAt, compactAt].some(
		(threshold) => Math.abs(tokens - threshold) <= threshold * NEAR_THRESHOLD_SHARE
	);
}

/** The newest request of a kind, from the log. */
export function latestRequest(
	events: readonly SessionEvent[],
	kind: RequestSnapshot['kind']
): RequestSnapshot | undefined {
	for (let i = events.length - 1; i >= 0; i--) {
		const event = events[i]!;
		if (event.type === 'request' && event.snapshot.kind === kind) return event.snapshot;
	}
	return undefined;
}

/** The newest limit a model stated in a too-long refusal (kept on the compaction it caused). */
export function statedLimit(events: readonly SessionEvent[], model: string): number | undefined {
	for (let i = events.length - 1; i >= 0; i--) {
		const event = events[i]!;
		if (event.type !== 'compaction' || event.model !== model) continue;
		if (event.overflow?.limit) return event.overflow.limit;
	}
	return undefined;
}

/**
 * The smallest log that carries `text`: the session's start (its frozen context) and the message
 * alone, as right after a compaction that kept nothing else.
 */
export function minimalEvents(events: readonly SessionEvent[], text: string): SessionEvent[] {
	const start = events.find((event) => event.type === 'session-start');
	const message: SessionEvent = { type: 'user-message', id: 'fit-check', at: 0, text };
	return start ? [start, message] : [message];
}

/** " (N tokens, the model takes M)" when the refusal said them, else nothing. */
function statedSizes(error: ProviderError): string {
	const sizes = parseOverflow(error.message);
	return sizes
		? ` (${sizes.tokens.toLocaleString('en-US')} tokens, the model takes ${sizes.limit.toLocaleString('en-US')})`
		: '';
}
