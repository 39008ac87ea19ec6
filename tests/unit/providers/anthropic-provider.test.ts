import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMockModelServer, type MockModelServer } from '../../../tooling/mock-model';
import {
	ProviderError,
	StreamAccumulator,
	createProvider,
	listModels,
	streamWithRetries,
	type Provider,
	type StreamEvent
} from '../../../src/lib/providers';
import { collect, sampleRequest, streamError, textOf } from './helpers';

const KEY = 'sk-ant-test-key-123456';
let server: MockModelServer;
let provider: Provider;

beforeAll(async () => {
	server = await startMockModelServer({ port: 0 });
});
afterAll(() => server.close());
beforeEach(() => {
	server.reset();
	provider = createProvider({
		provider: 'anthropic',
		apiKey: KEY,
		baseUrl: server.url,
		model: 'm'
	});
});

describe('Anthropic provider against the scripted server', () => {
	it('sends the key as x-api-key (what the API expects), never as a Bearer token', async () => {
		server.setScript([{ text: 'hi' }]);
		await collect(provider.stream(sampleRequest()));
		const [request] = server.requests();
		expect(request?.apiKey).toEqual({ present: true, header: 'x-api-key', prefix: 'sk-a' });
		expect(request?.headers['authorization']).toBeUndefined();
		expect(request?.headers['anthropic-dangerous-direct-browser-access']).toBe('true');
		expect(request?.headers['x-stainless-retry-count']).toBe('0');
	});

	it('streams text, then usage with cache reads and writes, then the stop reason', async () => {
		server.setScript([
			{
				text: 'Hello there, this is a longer answer.',
				chunkSize: 5,
				usage: {
					inputTokens: 12,
					outputTokens: 9,
					cacheCreationInputTokens: 300,
					cacheReadInputTokens: 4000
				}
			}
		]);
		const events = await collect(provider.stream(sampleRequest()));
		expect(textOf(events)).toBe('Hello there, this is a longer answer.');
		expect(events.filter((e) => e.type === 'text-delta').length).toBeGreaterThan(1);
		expect(events.slice(-2)).toEqual([
			{
				type: 'usage',
				inputTokens: 12,
				outputTokens: 9,
				cacheReadTokens: 4000,
				cacheWriteTokens: 300
			},
			{ type: 'stop', reason: 'end_turn' }
		]);
	});

	it('maps the request: cache markers, thinking config, tool results before text, signed thinking only', async () => {
		server.setScript([{ text: 'ok' }]);
		await collect(
			provider.stream(
				sampleRequest({
					thinking: { type: 'enabled', budgetTokens: 2048 },
					messages: [
						{ role: 'user', content: [{ type: 'text', text: 'read a.txt' }] },
						{
							role: 'assistant',
							content: [
								{ type: 'thinking', thinking: 'signed', signature: 'sig' },
								{ type: 'thinking', thinking: 'unsigned' },
								{ type: 'text', text: '' },
								{ type: 'tool_call', id: 'toolu_1', name: 'read', input: { path: 'a.txt' } }
							]
						},
						{
							role: 'user',
							content: [
								{ type: 'text', text: '<reminder>' },
								{
									type: 'tool_result',
									toolCallId: 'toolu_1',
									content: 'x',
									isError: true,
									cache: { ttl: '1h' }
								}
							]
						}
					]
				})
			)
		);
		const body = server.requests()[0]?.body as Record<string, unknown>;
		expect(body['stream']).toBe(true);
		expect(body['max_tokens']).toBe(1024);
		expect(body['thinking']).toEqual({ type: 'enabled', budget_tokens: 2048 });
		expect(body['system']).toEqual([
			{ type: 'text', text: 'You are Kiln.', cache_control: { type: 'ephemeral' } }
		]);
		expect(body['tools']).toEqual([
			{
				name: 'read',
				description: 'Read a file.',
				input_schema: {
					type: 'object',
					properties: { path: { type: 'string' } },
					required: ['path']
				},
				cache_control: { type: 'ephemeral' }
			}
		]);
		const messages = body['messages'] as Array<{ role: string; content: unknown[] }>;
		expect(messages[1]?.content).toEqual([
			{ type: 'thinking', thinking: 'signed', signature: 'sig' },
			{ type: 'tool_use', id: 'toolu_1', name: 'read', input: { path: 'a.txt' } }
		]);
		expect(messages[2]?.content).toEqual([
			{
				type: 'tool_result',
				tool_use_id: 'toolu_1',
				content: 'x',
				is_error: true,
				cache_control: { type: 'ephemeral', ttl: '1h' }
			},
			{ type: 'text', text: '<reminder>' }
		]);
	});

	it('streams thinking with its signature and tool calls with argument deltas', async () => {
		server.setScript([
			{
				thinking: 'I should read the file first.',
				signature: 'sig-abc',
				text: 'Reading.',
				toolCalls: [
					{ id: 'toolu_a', name: 'read', input: { path: 'src/app.ts', limit: 20 } },
					{ id: 'toolu_b', name: 'list', input: {} }
				],
				chunkSize: 4
			}
		]);
		const events = await collect(provider.stream(sampleRequest()));
		const thinking = events.flatMap((e) => (e.type === 'thinking-delta' ? [e] : []));
		expect(thinking.map((e) => e.text).join('')).toBe('I should read the file first.');
		expect(thinking.at(-1)?.signature).toBe('sig-abc');

		const forA = events.filter((e) => 'id' in e && e.id === 'toolu_a');
		expect(forA[0]).toEqual({ type: 'tool-call-start', id: 'toolu_a', name: 'read' });
		const deltas = forA.flatMap((e) => (e.type === 'tool-call-delta' ? [e.argsDelta] : []));
		expect(deltas.length).toBeGreaterThan(1);
		expect(deltas.join('')).toBe('{"path":"src/app.ts","limit":20}');
		expect(forA.at(-1)).toMatchObject({
			type: 'tool-call-end',
			input: { path: 'src/app.ts', limit: 20 }
		});

		const endB = events.find((e) => e.type === 'tool-call-end' && e.id === 'toolu_b');
		expect(endB).toMatchObject({ name: 'list', input: {} });
		expect(events.at(-1)).toEqual({ type: 'stop', reason: 'tool_use' });

		const acc = new StreamAccumulator();
		events.forEach((e) => acc.push(e));
		expect(acc.message().content.map((b) => b.type)).toEqual([
			'thinking',
			'text',
			'tool_call',
			'tool_call'
		]);
		expect(acc.message().content[0]).toEqual({
			type: 'thinking',
			thinking: 'I should read the file first.',
			signature: 'sig-abc'
		});
	});

	it('reports malformed tool JSON on tool-call-end instead of throwing', async () => {
		server.setScript([
			{ toolCalls: [{ id: 'toolu_x', name: 'read', arguments: '{"path": "a.txt"' }] }
		]);
		const events = await collect(provider.stream(sampleRequest()));
		const end = events.find((e) => e.type === 'tool-call-end');
		expect(end).toMatchObject({ id: 'toolu_x', rawArguments: '{"path": "a.txt"' });
		expect(end).not.toHaveProperty('input');
		expect(end?.type === 'tool-call-end' && end.parseError).toMatch(/not valid JSON/);
		expect(events.at(-1)).toEqual({ type: 'stop', reason: 'tool_use' });
	});

	it.each(['max_tokens', 'stop_sequence', 'refusal', 'pause_turn'] as const)(
		'maps stop reason %s',
		async (stopReason) => {
			server.setScript([{ text: 'cut', stopReason }]);
			const events = await collect(provider.stream(sampleRequest()));
			expect(events.at(-1)).toEqual({ type: 'stop', reason: stopReason });
		}
	);

	it.each([
		[401, 'auth', /API key was refused.*check the API key in Settings/],
		[403, 'auth', /denied access/],
		[404, 'bad_request', /Model and Base URL/],
		[400, 'context_overflow', /too long/],
		[413, 'context_overflow', /too long/],
		[500, 'server', /internal error/],
		[529, 'overloaded', /overloaded/]
	] as const)('maps HTTP %i to %s', async (status, kind, message) => {
		server.setScript([{ fault: { type: 'http', status } }]);
		const error = await streamError(provider.stream(sampleRequest()));
		expect(error).toBeInstanceOf(ProviderError);
		expect(error).toMatchObject({ kind, status, afterOutput: false, provider: 'anthropic' });
		expect((error as ProviderError).message).toMatch(message);
		expect((error as ProviderError).message).not.toContain(KEY);
	});

	it('maps an ordinary 400 to bad_request, not retryable', async () => {
		server.setScript([{ fault: { type: 'http', status: 400, message: 'tools.0.name: invalid' } }]);
		const error = await streamError(provider.stream(sampleRequest()));
		expect(error).toMatchObject({ kind: 'bad_request', retryable: false });
		expect((error as Error).message).toContain('tools.0.name: invalid');
	});

	it('reads retry-after on a 429', async () => {
		server.setScript([{ fault: { type: 'http', status: 429, retryAfter: 7 } }]);
		const error = await streamError(provider.stream(sampleRequest()));
		expect(error).toMatchObject({ kind: 'rate_limit', retryAfterMs: 7000, retryable: true });
		expect((error as Error).message).toContain('7 seconds');
	});

	it('maps an overloaded_error event before any content to a retryable error', async () => {
		server.setScript([{ text: 'never', fault: { type: 'error-event', afterChunks: 2 } }]);
		const error = await streamError(provider.stream(sampleRequest()));
		expect(error).toMatchObject({ kind: 'overloaded', retryable: true, afterOutput: false });
	});

	it('marks a mid-stream error after text as afterOutput, so it is not retried silently', async () => {
		server.setScript([
			{ text: 'partial answer here', chunkSize: 3, fault: { type: 'error-event', afterChunks: 5 } },
			{ text: 'second attempt' }
		]);
		const seen: StreamEvent[] = [];
		let sleeps = 0;
		const error = await streamError(
			(async function* () {
				for await (const event of streamWithRetries(() => provider.stream(sampleRequest()), {
					sleep: async () => void sleeps++
				})) {
					seen.push(event);
					yield event;
				}
			})()
		);
		expect(textOf(seen)).not.toBe('');
		expect(error).toMatchObject({ kind: 'overloaded', afterOutput: true });
		expect(sleeps).toBe(0);
		expect(server.requests()).toHaveLength(1);
	});

	it('ends with stop "aborted" when the signal fires mid-stream', async () => {
		server.setScript([
			{ text: 'abcdefghijkl', chunkSize: 2, fault: { type: 'stall', afterChunks: 4 } }
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

	it('ends with stop "aborted" while waiting for a server that never answers', async () => {
		server.setScript([{ text: 'x', fault: { type: 'stall', afterChunks: 0 } }]);
		const controller = new AbortController();
		const stream = provider.stream(sampleRequest({ signal: controller.signal }));
		const pending = collect(stream);
		// Abort once the server has the request, so the abort hits the in-flight fetch.
		await expect.poll(() => server.requests().length).toBe(1);
		controller.abort();
		expect(await pending).toEqual([{ type: 'stop', reason: 'aborted' }]);
	});

	it('maps a dropped connection to a retryable network error', async () => {
		server.setScript([{ text: 'x', fault: { type: 'drop', afterChunks: 0 } }]);
		const error = await streamError(provider.stream(sampleRequest()));
		expect(error).toMatchObject({ kind: 'network', retryable: true, afterOutput: false });
	});

	it('maps a connection dropped after text to a network error with afterOutput', async () => {
		server.setScript([
			{ text: 'abcdefghijkl', chunkSize: 2, fault: { type: 'drop', afterChunks: 5 } }
		]);
		const error = await streamError(provider.stream(sampleRequest()));
		expect(error).toMatchObject({ kind: 'network', afterOutput: true });
	});

	it('retries a 429 after the time retry-after asked for, then streams', async () => {
		server.setScript([{ fault: { type: 'http', status: 429, retryAfter: 2 } }, { text: 'ok now' }]);
		const waits: number[] = [];
		const events = await collect(
			streamWithRetries(() => provider.stream(sampleRequest()), {
				sleep: async (ms) => void waits.push(ms)
			})
		);
		expect(waits).toEqual([2000]);
		expect(textOf(events)).toBe('ok now');
		expect(server.requests()).toHaveLength(2);
	});

	it('lists models from the API', async () => {
		server.setScript({ models: ['claude-b', 'claude-a'], turns: [] });
		const ids = await listModels({
			provider: 'anthropic',
			apiKey: KEY,
			baseUrl: server.url,
			model: ''
		});
		expect(ids).toEqual(['claude-b', 'claude-a']);
		expect(server.requests()[0]?.apiKey.header).toBe('x-api-key');
	});

	it('accepts a base URL that already ends in /v1', async () => {
		server.setScript([{ text: 'ok' }]);
		const p = createProvider({
			provider: 'anthropic',
			apiKey: KEY,
			baseUrl: `${server.url}/v1/`,
			model: 'm'
		});
		expect(textOf(await collect(p.stream(sampleRequest())))).toBe('ok');
		expect(server.requests()[0]?.path).toBe('/v1/messages');
	});
});
