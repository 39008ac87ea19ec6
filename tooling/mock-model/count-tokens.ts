import type { ServerResponse } from 'node:http';
import { serializePrompt, TokenCounter } from './cache';
import { sendJson } from './http-io';

/** What counts a text's tokens: the cache simulator's counter when it runs, else o200k. */
export interface TextCounter {
	count(text: string): number;
}

/**
 * POST /v1/messages/count_tokens, like Anthropic's free endpoint: `{ input_tokens }` for a
 * Messages body, counted block by block exactly as the cache simulator totals a prompt, so a
 * count and the usage of the same request agree. A prompt over the window is still counted
 * (that is what the endpoint is for); a body without `model` or `messages` is a 400.
 */
export function answerCountTokens(
	res: ServerResponse,
	body: unknown,
	counter: TextCounter,
	headers: Record<string, string>
): void {
	const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
	if (typeof fields.model !== 'string' || !Array.isArray(fields.messages)) {
		sendJson(
			res,
			400,
			{
				type: 'error',
				error: {
					type: 'invalid_request_error',
					message: 'mock-model: count_tokens needs `model` (a string) and `messages` (an array).'
				}
			},
			headers
		);
		return;
	}
	const blocks = serializePrompt(body).blocks;
	const tokens = blocks.reduce((sum, block) => sum + counter.count(block.text), 0);
	sendJson(res, 200, { input_tokens: tokens }, headers);
}

let defaultCounter: TokenCounter | undefined;

/** o200k, shared by every server without a cache simulator (its memo is worth keeping). */
export function defaultTextCounter(): TextCounter {
	defaultCounter ??= new TokenCounter();
	return defaultCounter;
}
