/**
 * Whether a request fits the model: the input room, exact counts where the API offers them (and
 * the estimate where it does not, or fails), the check that refuses a message too big to ever
 * fit, and the words for a request the model refused as too long.
 */
import type { ModelRequest, Provider, ProviderError } from '../providers';
import { parseOverflow } from './context/calibration';
import { inputLimit, type ModelInfo } from './context/models';
import type { AgentError } from './types';

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
	const sizes = parseOverflow(error.message);
	const said = sizes
		? ` (${sizes.tokens.toLocaleString('en-US')} tokens, the model takes ${sizes.limit.toLocaleString('en-US')})`
		: '';
	return {
		kind: error.kind,
		message:
			`The model refused the request as too long${said}, again after Kiln compacted the conversation and retried. ` +
			'Start a new chat (or /compact with a focus), attach less, or pick a model with a larger context window.'
	};
}

/** The model refused the request as too long and nothing could be made smaller. */
export function overflowNothingToShrinkError(error: ProviderError): AgentError {
	const sizes = parseOverflow(error.message);
	const said = sizes
		? ` (${sizes.tokens.toLocaleString('en-US')} tokens, the model takes ${sizes.limit.toLocaleString('en-US')})`
		: '';
	return {
		kind: error.kind,
		message:
			`The model refused the request as too long${said}, and there is nothing Kiln can compact or clear yet. ` +
			'Start a new chat and attach less, or split the message into several.'
	};
}
