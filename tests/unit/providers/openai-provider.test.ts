import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMockModelServer, type MockModelServer } from '../../../tooling/mock-model';
import {
	ProviderError,
	createProvider,
	listModels,
	streamWithRetries,
	type Provider,
	type ProviderId,
	type StreamEvent
} from '../../../src/lib/providers';
import { collect, sampleRequest, streamError, textOf } from './helpers';

const KEY = 'sk-openai-test-key-123';
let server: MockModelServer;
let provider: Provider;

beforeAll(async () => {
	server = await startMockModelServer({ port: 0 });
});
afterAll(() => server.close());
beforeEach(() => {
	server.reset();
	provider = createProvider({
		provider: 'openai',
		apiKey: KEY,
		baseUrl: server.openaiBaseURL,
		model: 'm'
	});
});

function lastBody(): Record<string, unknown> {
	return server.requests().at(-1)?.body as Record<string, unknown>;
}

describe('OpenAI-compatible provider against the scripted server', () => {
	it('sends the key as a Bearer token', async () => {
		server.setScript([{ text: 'hi' }]);
		await collect(provider.stream(sampleRequest()));
		expect(server.requests()[0]?.apiKey).toEqual({
			present: true,
			header: 'authorization',
			prefix: 'sk-o'
		});
		expect(server.requests()[0]?.headers['x-stainless-retry-count']).toBe('0');
	});

	it.each(['ollama', 'lmstudio', 'openai-compatible'] as ProviderId[])(
		'%s without a key sends no Authorization header at all',
		async (id) => {
			server.setScript([{ text: 'local' }]);
			const local = createProvider({ provider: id, baseUrl: server.openaiBaseURL, model: 'llama' });
			expect(textOf(await collect(local.stream(sampleRequest())))).toBe('local');
			expect(server.requests()[0]?.apiKey.present).toBe(false);
			expect(server.requests()[0]?.headers['authorization']).toBeUndefined();
		}
	);

	it('maps the request: system first, tool calls as JSON strings, results as tool messages', async () => {
		server.setScript([{ text: 'ok' }]);
		await collect(
			provider.stream(
				sampleRequest({
					system: [{ text: 'Static.', cache: {} }, { text: 'Project context.' }],
					messages: [
						{ role: 'user', content: [{ type: 'text', text: 'read a.txt', cache: {} }] },
						{
							role: 'assistant',
							content: [
								{ type: 'thinking', thinking: 'hmm', signature: 's' },
								{ type: 'text', text: 'Reading.' },
								{ type: 'tool_call', id: 'call_1', name: 'read', input: { path: 'a.txt' } }
							]
						},
						{
							role: 'user',
							content: [
								{ type: 'text', text: '<reminder>' },
								{ type: 'tool_result', toolCallId: 'call_1', content: 'file text', cache: {} }
							]
						}
					]
				})
			)
		);
		const body = lastBody();
		expect(body['stream']).toBe(true);
		expect(body['stream_options']).toEqual({ include_usage: true });
		expect(body['max_completion_tokens']).toBe(1024);
		expect(body['max_tokens']).toBeUndefined();
		expect(body['messages']).toEqual([
			{ role: 'system', content: 'Static.\n\nProject context.' },
			{ role: 'user', content: 'read a.txt' },
			{
				role: 'assistant',
				content: 'Reading.',
				tool_calls: [
					{
						id: 'call_1',
						type: 'function',
						function: { name: 'read', arguments: '{"path":"a.txt"}' }
					}
				]
			},
			{ role: 'tool', tool_call_id: 'call_1', content: 'file text' },
			{ role: 'user', content: '<reminder>' }
		]);
		expect(body['tools']).toEqual([
			{
				type: 'function',
				function: {
					name: 'read',
					description: 'Read a file.',
					parameters: {
						type: 'object',
						properties: { path: { type: 'string' } },
						required: ['path']
					}
				}
			}
		]);
		expect(JSON.stringify(body)).not.toContain('cache_control');
	});

	it('keeps the request prefix byte-identical when a step is appended', async () => {
		server.setScript([{ text: 'a' }, { text: 'b' }]);
		const first = sampleRequest();
		await collect(provider.stream(first));
		await collect(
			provider.stream({
				...first,
				messages: [
					...first.messages,
					{ role: 'assistant', content: [{ type: 'text', text: 'a' }] },
					{ role: 'user', content: [{ type: 'text', text: 'more' }] }
				]
			})
		);
		const [one, two] = server.requests().map((r) => (r.body as { messages: unknown[] }).messages);
		expect(JSON.stringify(two?.slice(0, one?.length))).toBe(JSON.stringify(one));
	});

	it('uses max_tokens for servers other than OpenAI', async () => {
		server.setScript([{ text: 'ok' }]);
		const router = createProvider({
			provider: 'openrouter',
			apiKey: KEY,
			baseUrl: server.openaiBaseURL,
			model: 'x'
		});
		await collect(router.stream(sampleRequest()));
		expect(lastBody()['max_tokens']).toBe(1024);
		expect(lastBody()['max_completion_tokens']).toBeUndefined();
	});

	it('streams text and maps cached prompt tokens to cache reads', async () => {
		server.setScript([
			{
				text: 'Hello from the other API.',
				chunkSize: 6,
				usage: { inputTokens: 50, outputTokens: 8, cacheReadInputTokens: 1000 }
			}
		]);
		const events = await collect(provider.stream(sampleRequest()));
		expect(textOf(events)).toBe('Hello from the other API.');
		expect(events.slice(-2)).toEqual([
			{
				type: 'usage',
				inputTokens: 50,
				outputTokens: 8,
				cacheReadTokens: 1000,
				cacheWriteTokens: 0
			},
			{ type: 'stop', reason: 'end_turn' }
		]);
	});

	it('streams reasoning as thinking and parallel tool calls with deltas', async () => {
		server.setScript([
			{
				thinking: 'Two files to read.',
				toolCalls: [
					{ id: 'call_a', name: 'read', input: { path: 'a.ts' } },
					{ id: 'call_b', name: 'read', input: { path: 'b.ts' } }
				],
				chunkSize: 4
			}
		]);
		const events = await collect(provider.stream(sampleRequest()));
		const thinking = events.flatMap((e) => (e.type === 'thinking-delta' ? [e.text] : []));
		expect(thinking.join('')).toBe('Two files to read.');
		const starts = events.filter((e) => e.type === 'tool-call-start');
		expect(starts).toEqual([
			{ type: 'tool-call-start', id: 'call_a', name: 'read' },
			{ type: 'tool-call-start', id: 'call_b', name: 'read' }
		]);
		const argsA = events.flatMap((e) =>
			e.type === 'tool-call-delta' && e.id === 'call_a' ? [e.argsDelta] : []
		);
		expect(argsA.length).toBeGreaterThan(1);
		expect(argsA.join('')).toBe('{"path":"a.ts"}');
		const ends = events.filter((e) => e.type === 'tool-call-end');
		expect(ends.map((e) => [e.id, e.input])).toEqual([
			['call_a', { path: 'a.ts' }],
			['call_b', { path: 'b.ts' }]
		]);
		expect(events.at(-1)).toEqual({ type: 'stop', reason: 'tool_use' });
	});

	it('reports malformed tool JSON on tool-call-end instead of throwing', async () => {
		server.setScript([{ toolCalls: [{ id: 'call_x', name: 'edit', arguments: '{"path": ' }] }]);
		const events = await collect(provider.stream(sampleRequest()));
		const end = events.find((e) => e.type === 'tool-call-end');
		expect(end).toMatchObject({ id: 'call_x', name: 'edit', rawArguments: '{"path": ' });
		expect(end?.type === 'tool-call-end' && end.parseError).toMatch(/edit.*not valid JSON/);
	});

	it.each([
		['length', 'max_tokens'],
		['content_filter', 'refusal'],
		['stop', 'end_turn']
	] as const)('maps finish_reason %s to %s', async (stopReason, reason) => {
		server.setScript([{ text: 'x', stopReason }]);
		const events = await collect(provider.stream(sampleRequest()));
		expect(events.at(-1)).toMatchObject({ type: 'stop', reason });
	});

	it.each([
		[401, 'auth', /API key was refused.*check the API key in Settings/],
		[403, 'auth', /denied access/],
		[404, 'bad_request', /Model and Base URL/],
		[400, 'context_overflow', /too long/],
		[500, 'server', /internal error/],
		[503, 'server', /internal error/],
		[529, 'overloaded', /overloaded/]
	] as const)('maps HTTP %i to %s', async (status, kind, message) => {
		server.setScript([{ fault: { type: 'http', status } }]);
		const error = await streamError(provider.stream(sampleRequest()));
		expect(error).toBeInstanceOf(ProviderError);
		expect(error).toMatchObject({ kind, status, provider: 'openai' });
		expect((error as Error).message).toMatch(message);
	});

	it('reads retry-after on a 429', async () => {
		server.setScript([{ fault: { type: 'http', status: 429, retryAfter: 1.5 } }]);
		const error = await streamError(provider.stream(sampleRequest()));
		expect(error).toMatchObject({ kind: 'rate_limit', retryAfterMs: 1500, retryable: true });
	});

	it('maps an error chunk mid-stream to a server error marked afterOutput', async () => {
		server.setScript([
			{ text: 'abcdefgh', chunkSize: 2, fault: { type: 'error-event', afterChunks: 3 } }
		]);
		const error = await streamError(provider.stream(sampleRequest()));
		expect(error).toMatchObject({ kind: 'server', afterOutput: true });
	});

	it('ends with stop "aborted" when the signal fires mid-stream', async () => {
		server.setScript([
			{ text: 'abcdefgh', chunkSize: 2, fault: { type: 'stall', afterChunks: 3 } }
		]);
		const controller = new AbortController();
		const events: StreamEvent[] = [];
		for await (const event of provider.stream(sampleRequest({ signal: controller.signal }))) {
			events.push(event);
			if (event.type === 'text-delta') controller.abort();
		}
		expect(events).toEqual([
			{ type: 'text-delta', text: 'ab' },
			{ type: 'stop', reason: 'aborted' }
		]);
	});

	it('maps a dropped connection before any answer to a retryable network error', async () => {
		server.setScript([{ text: 'x', fault: { type: 'drop', afterChunks: 0 } }]);
		const error = await streamError(provider.stream(sampleRequest()));
		expect(error).toMatchObject({ kind: 'network', retryable: true, afterOutput: false });
		expect((error as Error).message).toContain(server.openaiBaseURL);
	});

	it('retries a 500 with backoff, then streams', async () => {
		server.setScript([{ fault: { type: 'http', status: 500 } }, { text: 'recovered' }]);
		const retries: number[] = [];
		const events = await collect(
			streamWithRetries(() => provider.stream(sampleRequest()), {
				baseDelayMs: 100,
				random: () => 1,
				sleep: async () => {},
				onRetry: ({ delayMs }) => retries.push(delayMs)
			})
		);
		expect(retries).toEqual([100]);
		expect(textOf(events)).toBe('recovered');
	});

	it('lists models (OpenAI, OpenRouter, Ollama and LM Studio share /models)', async () => {
		server.setScript({ models: ['gpt-x', 'llama3'], turns: [] });
		const ids = await listModels({ provider: 'ollama', baseUrl: server.openaiBaseURL, model: '' });
		expect(ids).toEqual(['gpt-x', 'llama3']);
		expect(server.requests()[0]?.path).toBe('/v1/models');
	});

	it('adds /v1 to a bare Ollama origin', async () => {
		server.setScript([{ text: 'ok' }]);
		const ollama = createProvider({ provider: 'ollama', baseUrl: server.url, model: 'llama3' });
		await collect(ollama.stream(sampleRequest()));
		expect(server.requests()[0]?.path).toBe('/v1/chat/completions');
	});
});

describe('listModels failures', () => {
	it('throws a network ProviderError when nothing listens', async () => {
		const closed = await startMockModelServer({ port: 0 });
		const url = closed.openaiBaseURL;
		await closed.close();
		await expect(
			listModels({ provider: 'lmstudio', baseUrl: url, model: '' })
		).rejects.toMatchObject({ kind: 'network', provider: 'lmstudio' });
	});
});
