import type { IncomingMessage, ServerResponse } from 'node:http';
import { anthropicFrames, anthropicMessage, anthropicModelList } from './anthropic-wire';
import {
	anthropicErrorBody,
	anthropicStreamErrorBody,
	openaiErrorBody,
	openaiStreamErrorBody,
	type ErrorOverrides
} from './error-bodies';
import { openaiCompletion, openaiFrames, openaiModelList } from './openai-wire';
import type { RecordedRequest } from './request-log';
import { lastUserText, wantsStream, wantsUsageChunk } from './request-text';
import type { Turn, WireFormat } from './script-schema';
import { jsonFrame } from './sse-frame';
import { writeSseStream, type StreamFault } from './sse-writer';
import { sendJson } from './http-io';
import { planTurn, type TurnPlan } from './turn-plan';
import type { TurnQueue } from './turn-queue';
import type { PromptCacheSimulator } from './cache';

export interface ModelCall {
	format: WireFormat;
	req: IncomingMessage;
	res: ServerResponse;
	record: RecordedRequest;
	body: unknown;
	queue: TurnQueue;
	/** Set when the server simulates Anthropic's prompt cache: it then reports the usage. */
	cache?: PromptCacheSimulator;
	/** Called once the answer is chosen (record.turn is set), before any of it is sent. */
	onDecided: () => void;
}

/** The SDKs read request ids from these headers; one per request makes logs easy to match. */
export function requestIdHeaders(seq: number): Record<string, string> {
	return { 'request-id': `req_mock_${seq}`, 'x-request-id': `req_mock_${seq}` };
}

/** Detects which SDK is asking: only Anthropic's sends anthropic-version. */
export function formatFromHeaders(req: IncomingMessage): WireFormat {
	return req.headers['anthropic-version'] !== undefined ? 'anthropic' : 'openai';
}

export function sendError(
	res: ServerResponse,
	format: WireFormat,
	status: number,
	seq: number,
	overrides: ErrorOverrides = {},
	extraHeaders: Record<string, string> = {}
): void {
	const body =
		format === 'anthropic'
			? anthropicErrorBody(status, overrides)
			: openaiErrorBody(status, overrides);
	sendJson(res, status, body, { ...requestIdHeaders(seq), ...extraHeaders });
}

export function answerModelList(
	res: ServerResponse,
	format: WireFormat,
	models: string[],
	seq: number
): void {
	const body = format === 'anthropic' ? anthropicModelList(models) : openaiModelList(models);
	sendJson(res, 200, body, requestIdHeaders(seq));
}

/** The checks the real APIs make first; catching them here catches adapter bugs in tests. */
function invalidRequestReason(format: WireFormat, body: unknown): string | null {
	if (typeof body !== 'object' || body === null || Array.isArray(body)) {
		return 'the request body must be a JSON object';
	}
	const fields = body as Record<string, unknown>;
	if (typeof fields.model !== 'string') return '`model` is required and must be a string';
	if (!Array.isArray(fields.messages)) return '`messages` is required and must be an array';
	if (format === 'anthropic' && typeof fields.max_tokens !== 'number') {
		return '`max_tokens` is required by the Anthropic Messages API';
	}
	return null;
}

function describeMatch(turn: Turn | undefined): string {
	if (!turn?.match) return 'any request';
	const parts: string[] = [];
	if (turn.match.format) parts.push(`format ${turn.match.format}`);
	if (turn.match.lastUserMessageIncludes !== undefined) {
		parts.push(`last user message including ${JSON.stringify(turn.match.lastUserMessageIncludes)}`);
	}
	return parts.join(' and ');
}

function streamFault(plan: TurnPlan, format: WireFormat): StreamFault | undefined {
	const fault = plan.fault;
	if (!fault || fault.type === 'http') return undefined;
	if (fault.type === 'pause') {
		const { afterChunks, ms, keepAliveMs } = fault;
		return { kind: 'pause', afterChunks, ms, ...(keepAliveMs !== undefined && { keepAliveMs }) };
	}
	if (fault.type !== 'error-event') return { kind: fault.type, afterChunks: fault.afterChunks };
	const overrides = { message: fault.message, errorType: fault.errorType };
	const frame =
		format === 'anthropic'
			? jsonFrame(anthropicStreamErrorBody(overrides), 'error')
			: jsonFrame(openaiStreamErrorBody(overrides));
	return { kind: 'error-event', afterChunks: fault.afterChunks, frame };
}

async function answerWithoutStream(call: ModelCall, plan: TurnPlan): Promise<void> {
	const { res, format, record } = call;
	const fault = plan.fault;
	if (fault?.type === 'drop') {
		(res.socket ?? res).destroy();
		return;
	}
	if (fault?.type === 'stall') {
		await new Promise<void>((resolve) => res.once('close', () => resolve()));
		return;
	}
	if (fault?.type === 'pause') {
		await new Promise((resolve) => setTimeout(resolve, fault.ms));
		if (res.destroyed) return;
	}
	if (fault?.type === 'error-event') {
		// A whole-body response has no "mid-stream": the nearest equivalent is an overloaded answer.
		sendError(res, format, 529, record.seq, { message: fault.message, errorType: fault.errorType });
		return;
	}
	const body = format === 'anthropic' ? anthropicMessage(plan) : openaiCompletion(plan);
	sendJson(res, 200, body, requestIdHeaders(record.seq));
}

/** Replaces the plan's usage with what the simulated cache reports (tokens counted for real). */
function simulateCache(
	cache: PromptCacheSimulator,
	plan: TurnPlan,
	turn: Turn,
	body: unknown,
	seq: number
) {
	const outcome = cache.process(body, { pauseMs: turn.pauseMs, seq });
	if (!outcome.ok) return outcome;
	const usage = outcome.account.usage;
	const output = [
		plan.thinking ?? '',
		plan.text,
		...plan.toolCalls.map((call) => `${call.name} ${call.argumentsText}`)
	].join('\n');
	plan.usage = {
		inputTokens: usage.input_tokens,
		cacheCreationInputTokens: usage.cache_creation_input_tokens,
		cacheReadInputTokens: usage.cache_read_input_tokens,
		outputTokens: turn.usage?.outputTokens ?? Math.max(1, cache.counter.count(output))
	};
	return outcome;
}

/** Answers POST /v1/messages or /v1/chat/completions with the next scripted turn. */
export async function answerModelCall(call: ModelCall): Promise<void> {
	const { format, res, record, body, queue } = call;
	const seq = record.seq;
	const invalid = invalidRequestReason(format, body);
	// Refused by the (simulated) API before any turn is used, like the checks above.
	const refusal =
		!invalid && call.cache && format === 'anthropic' ? call.cache.refusal(body) : undefined;
	if (refusal) {
		call.onDecided();
		sendError(res, format, refusal.status, seq, {
			message: refusal.message,
			errorType: refusal.errorType
		});
		return;
	}
	const taken = invalid ? null : queue.take({ format, lastUserText: lastUserText(body) });
	if (taken?.kind === 'turn') record.turn = taken.index;
	call.onDecided();

	if (invalid || !taken) {
		sendError(res, format, 400, seq, { message: `mock-model: ${invalid}.` });
		return;
	}
	const noRetry = { 'x-should-retry': 'false' };
	if (taken.kind === 'exhausted') {
		sendError(
			res,
			format,
			400,
			seq,
			{
				message:
					`mock-model: the script is exhausted: all ${taken.total} turn(s) have been used. ` +
					'Add turns to the script, or POST /__kiln/reset to replay it from the start.',
				code: 'script_exhausted'
			},
			noRetry
		);
		return;
	}
	if (taken.kind === 'no-match') {
		const waiting = taken.remaining
			.map((index) => `turn ${index} wants ${describeMatch(queue.script.turns[index])}`)
			.join('; ');
		sendError(
			res,
			format,
			400,
			seq,
			{
				message:
					`mock-model: no remaining turn matches this ${format} request ` +
					`(last user message: ${JSON.stringify(lastUserText(body).slice(0, 200))}). ` +
					`Waiting: ${waiting}. Fix the script's "match" or the request order.`,
				code: 'script_no_match'
			},
			noRetry
		);
		return;
	}

	const plan = planTurn(taken.turn, taken.index, seq, body);
	if (call.cache && format === 'anthropic') {
		const outcome = simulateCache(call.cache, plan, taken.turn, body, seq);
		if (!outcome.ok) {
			sendError(res, format, outcome.status, seq, {
				message: outcome.message,
				errorType: outcome.errorType
			});
			return;
		}
	}
	const fault = plan.fault;
	if (fault?.type === 'http') {
		const headers: Record<string, string> =
			fault.retryAfter === undefined ? {} : { 'retry-after': String(fault.retryAfter) };
		sendError(
			res,
			format,
			fault.status,
			seq,
			{ message: fault.message, errorType: fault.errorType },
			headers
		);
		return;
	}
	if (!wantsStream(body)) {
		await answerWithoutStream(call, plan);
		return;
	}
	const frames =
		format === 'anthropic' ? anthropicFrames(plan) : openaiFrames(plan, wantsUsageChunk(body));
	await writeSseStream(res, frames, {
		headers: requestIdHeaders(seq),
		chunkDelayMs: plan.chunkDelayMs,
		fault: streamFault(plan, format)
	});
}
