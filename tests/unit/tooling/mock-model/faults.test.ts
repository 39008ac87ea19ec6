import Anthropic, { OverloadedError, type APIError as AnthropicAPIError } from '@anthropic-ai/sdk';
import OpenAI, { type APIError as OpenAIAPIError } from 'openai';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startMockModelServer, type MockModelServer } from '../../../../tooling/mock-model';

let server: MockModelServer;
let anthropic: Anthropic;
let openai: OpenAI;

beforeEach(async () => {
	server = await startMockModelServer();
	anthropic = new Anthropic({ apiKey: 'sk-ant-test', baseURL: server.url, maxRetries: 0 });
	openai = new OpenAI({ apiKey: 'sk-test', baseURL: server.openaiBaseURL, maxRetries: 0 });
});
afterEach(() => server.close());

const anthropicRequest = {
	model: 'claude-test',
	max_tokens: 100,
	messages: [{ role: 'user' as const, content: 'hi' }]
};
const openaiRequest = { model: 'gpt-test', messages: [{ role: 'user' as const, content: 'hi' }] };
const longText = 'The quick brown fox jumps over the lazy dog, again and again and again.';

function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
	return promise.then(
		() => {
			throw new Error('expected the request to fail');
		},
		(error: unknown) => error
	);
}

/**
 * Checks a stream has produced nothing more while the same server answered several full requests:
 * the stalled stream's next chunk, had it been written, would have arrived first.
 */
async function stillOpenAfterRoundTrips(finished: () => boolean): Promise<void> {
	for (let i = 0; i < 3; i += 1) {
		await fetch(`${server.url}/__kiln/script`);
		expect(finished()).toBe(false);
	}
}

describe('HTTP status faults', () => {
	it('429 with retry-after reaches both SDKs as RateLimitError with the header visible', async () => {
		const fault = { type: 'http' as const, status: 429, retryAfter: 7 };
		server.setScript([{ fault }, { fault }]);

		const a = await rejectionOf(anthropic.messages.stream(anthropicRequest).finalMessage());
		expect(a).toBeInstanceOf(Anthropic.RateLimitError);
		const aError = a as InstanceType<typeof Anthropic.RateLimitError>;
		expect(aError.headers.get('retry-after')).toBe('7');
		expect(aError.type).toBe('rate_limit_error');
		expect(aError.requestID).toMatch(/^req_mock_/);

		const o = await rejectionOf(openai.chat.completions.create({ ...openaiRequest, stream: true }));
		expect(o).toBeInstanceOf(OpenAI.RateLimitError);
		const oError = o as InstanceType<typeof OpenAI.RateLimitError>;
		expect(oError.headers.get('retry-after')).toBe('7');
		expect(oError.code).toBe('rate_limit_exceeded');
	});

	it('529 is an overloaded_error in Anthropic format', async () => {
		server.setScript([{ fault: { type: 'http', status: 529 } }]);
		const error = await rejectionOf(anthropic.messages.create(anthropicRequest));
		expect(error).toBeInstanceOf(OverloadedError);
		expect((error as AnthropicAPIError).status).toBe(529);
		expect((error as AnthropicAPIError).type).toBe('overloaded_error');
	});

	it('500 and 401 map to the SDKs error classes in both formats', async () => {
		server.setScript([
			{ fault: { type: 'http', status: 500 } },
			{ fault: { type: 'http', status: 401 } },
			{ fault: { type: 'http', status: 500 } },
			{ fault: { type: 'http', status: 401 } }
		]);
		expect(await rejectionOf(anthropic.messages.create(anthropicRequest))).toBeInstanceOf(
			Anthropic.InternalServerError
		);
		expect(await rejectionOf(anthropic.messages.create(anthropicRequest))).toBeInstanceOf(
			Anthropic.AuthenticationError
		);
		expect(await rejectionOf(openai.chat.completions.create(openaiRequest))).toBeInstanceOf(
			OpenAI.InternalServerError
		);
		const auth = await rejectionOf(openai.chat.completions.create(openaiRequest));
		expect(auth).toBeInstanceOf(OpenAI.AuthenticationError);
		expect((auth as OpenAIAPIError).code).toBe('invalid_api_key');
	});

	it('400 says the prompt is too long, in each format', async () => {
		server.setScript([
			{ fault: { type: 'http', status: 400 } },
			{ fault: { type: 'http', status: 400 } }
		]);
		const a = await rejectionOf(anthropic.messages.create(anthropicRequest));
		expect(a).toBeInstanceOf(Anthropic.BadRequestError);
		expect((a as AnthropicAPIError).apiMessage).toMatch(/^prompt is too long/);
		const o = await rejectionOf(openai.chat.completions.create(openaiRequest));
		expect(o).toBeInstanceOf(OpenAI.BadRequestError);
		expect((o as OpenAIAPIError).code).toBe('context_length_exceeded');
	});

	it('uses a scripted message and error type', async () => {
		server.setScript([
			{ fault: { type: 'http', status: 403, message: 'no access', errorType: 'permission_error' } }
		]);
		const error = await rejectionOf(anthropic.messages.create(anthropicRequest));
		expect(error).toBeInstanceOf(Anthropic.PermissionDeniedError);
		expect((error as AnthropicAPIError).apiMessage).toBe('no access');
	});
});

describe('mid-stream error events', () => {
	it('Anthropic: an overloaded_error event after N chunks becomes an APIError', async () => {
		server.setScript([
			{ text: longText, chunkSize: 5, fault: { type: 'error-event', afterChunks: 6 } }
		]);
		const stream = anthropic.messages.stream(anthropicRequest);
		const seen: string[] = [];
		stream.on('streamEvent', (event) => seen.push(event.type));
		const error = await rejectionOf(stream.finalMessage());
		expect(error).toBeInstanceOf(Anthropic.APIError);
		expect((error as AnthropicAPIError).type).toBe('overloaded_error');
		expect((error as AnthropicAPIError).status).toBeUndefined();
		// message_start, (ping is skipped), content_block_start, then text deltas up to chunk 6.
		expect(seen).toEqual([
			'message_start',
			'content_block_start',
			'content_block_delta',
			'content_block_delta',
			'content_block_delta'
		]);
	});

	it('OpenAI: an error object in the stream becomes an APIError', async () => {
		server.setScript([
			{
				text: longText,
				chunkSize: 5,
				fault: { type: 'error-event', afterChunks: 3, message: 'boom' }
			}
		]);
		const stream = await openai.chat.completions.create({ ...openaiRequest, stream: true });
		let content = '';
		const error = await rejectionOf(
			(async () => {
				for await (const chunk of stream) content += chunk.choices[0]?.delta.content ?? '';
			})()
		);
		expect(error).toBeInstanceOf(OpenAI.APIError);
		expect((error as OpenAIAPIError).message).toContain('boom');
		expect(content).toBe(longText.slice(0, 10));
	});
});

describe('dropped connections', () => {
	it('a drop mid-stream fails the stream after the chunks already sent', async () => {
		server.setScript([
			{ text: longText, chunkSize: 5, fault: { type: 'drop', afterChunks: 5 } },
			{ text: longText, chunkSize: 5, fault: { type: 'drop', afterChunks: 3 } }
		]);
		const stream = anthropic.messages.stream(anthropicRequest);
		let text = '';
		stream.on('text', (delta) => (text += delta));
		const a = await rejectionOf(stream.finalMessage());
		expect(a).toBeInstanceOf(Anthropic.AnthropicError);
		expect(a).not.toBeInstanceOf(Anthropic.APIError);
		expect((a as Error).message).toBe('terminated');
		expect(text).toBe(longText.slice(0, 10));

		const chat = await openai.chat.completions.create({ ...openaiRequest, stream: true });
		let content = '';
		const o = await rejectionOf(
			(async () => {
				for await (const chunk of chat) content += chunk.choices[0]?.delta.content ?? '';
			})()
		);
		expect((o as Error).message).toBe('terminated');
		expect(content).toBe(longText.slice(0, 10));
	});

	it('a drop before any byte is a connection error in both SDKs', async () => {
		const fault = { type: 'drop' as const, afterChunks: 0 };
		server.setScript([
			{ text: 'x', fault },
			{ text: 'x', fault }
		]);
		expect(
			await rejectionOf(anthropic.messages.create({ ...anthropicRequest, stream: true }))
		).toBeInstanceOf(Anthropic.APIConnectionError);
		expect(
			await rejectionOf(openai.chat.completions.create({ ...openaiRequest, stream: true }))
		).toBeInstanceOf(OpenAI.APIConnectionError);
	});
});

describe('stalls', () => {
	it('a stalled Anthropic stream sends its first chunks, then nothing until the client aborts', async () => {
		// message_start, ping, content_block_start, then two 5-character text deltas.
		server.setScript([{ text: longText, chunkSize: 5, fault: { type: 'stall', afterChunks: 5 } }]);
		const controller = new AbortController();
		const stream = anthropic.messages.stream(anthropicRequest, { signal: controller.signal });
		let text = '';
		let ended = false;
		stream.on('text', (delta) => (text += delta));
		const outcome = rejectionOf(stream.finalMessage()).finally(() => (ended = true));
		await expect.poll(() => text).toBe(longText.slice(0, 10));
		await stillOpenAfterRoundTrips(() => ended);
		controller.abort();
		expect(await outcome).toBeInstanceOf(Anthropic.APIUserAbortError);
		expect(text).toBe(longText.slice(0, 10));
	});

	it('a stalled OpenAI stream yields its chunks and then waits for the abort', async () => {
		server.setScript([{ text: longText, chunkSize: 5, fault: { type: 'stall', afterChunks: 3 } }]);
		const controller = new AbortController();
		const stream = await openai.chat.completions.create(
			{ ...openaiRequest, stream: true },
			{ signal: controller.signal }
		);
		const iterator = stream[Symbol.asyncIterator]();
		for (let i = 0; i < 3; i += 1) expect((await iterator.next()).done).toBe(false);
		let settled = false;
		const next = iterator.next().finally(() => (settled = true));
		await stillOpenAfterRoundTrips(() => settled);
		controller.abort();
		// The SDK ends the iteration quietly on a user abort.
		expect((await next).done).toBe(true);
	});

	it('a stall before the response headers leaves the request pending until aborted', async () => {
		server.setScript([{ text: 'x', fault: { type: 'stall', afterChunks: 0 } }]);
		const controller = new AbortController();
		const pending = rejectionOf(
			openai.chat.completions.create(openaiRequest, { signal: controller.signal })
		);
		await expect.poll(() => server.requests().length).toBe(1);
		controller.abort();
		expect(await pending).toBeInstanceOf(OpenAI.APIUserAbortError);
	});
});

describe('pacing', () => {
	it('waits chunkDelayMs before each chunk', async () => {
		server.setScript([{ text: 'abcdefghij', chunkSize: 2, chunkDelayMs: 20 }]);
		const started = performance.now();
		const completion = await openai.chat.completions.stream(openaiRequest).finalChatCompletion();
		expect(completion.choices[0]?.message.content).toBe('abcdefghij');
		// role chunk + 5 content chunks + finish chunk + [DONE] = 8 delays of 20 ms at least.
		expect(performance.now() - started).toBeGreaterThanOrEqual(8 * 20 - 5);
	});
});

describe('pause fault', () => {
	it('goes silent after N chunks for the given time, then finishes the stream (both formats)', async () => {
		const turn = {
			text: 'abcdefgh',
			chunkSize: 2,
			fault: { type: 'pause' as const, afterChunks: 3, ms: 400 }
		};
		server.setScript([turn, turn]);

		// Arrival times, not gaps between events: on a loaded machine the client may read the
		// chunks sent before the pause late, which splits the silence across two gaps (CI once saw
		// no single gap of 140 ms). The silence itself always ends the wait for the first delta.
		const started = performance.now();
		const arrivals: { type: string; at: number }[] = [];
		let text = '';
		const stream = await anthropic.messages.create({ ...anthropicRequest, stream: true });
		// The status line and the first chunks are not held back (that is the 0-chunk pause).
		expect(performance.now() - started).toBeLessThan(200);
		for await (const event of stream) {
			arrivals.push({ type: event.type, at: performance.now() - started });
			if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') {
				text += event.delta.text;
			}
		}
		expect(text).toBe('abcdefgh');
		const firstDelta = arrivals.findIndex((event) => event.type === 'content_block_delta');
		// The chunks before the pause (message_start, content_block_start; the SDK drops the ping)
		// came first, and the first delta only after the silence.
		expect(arrivals.slice(0, firstDelta).map((event) => event.type)).toEqual([
			'message_start',
			'content_block_start'
		]);
		expect(arrivals[firstDelta]!.at).toBeGreaterThanOrEqual(390);

		const completion = await openai.chat.completions.stream(openaiRequest).finalChatCompletion();
		expect(completion.choices[0]?.message.content).toBe('abcdefgh');
	});

	it('at 0 chunks, holds the status line back, then answers normally', async () => {
		server.setScript([{ text: 'late', fault: { type: 'pause', afterChunks: 0, ms: 120 } }]);
		const started = performance.now();
		const completion = await openai.chat.completions.stream(openaiRequest).finalChatCompletion();
		expect(completion.choices[0]?.message.content).toBe('late');
		expect(performance.now() - started).toBeGreaterThanOrEqual(110);
	});
});
