import Anthropic from '@anthropic-ai/sdk';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startMockModelServer, type MockModelServer } from '../../../../tooling/mock-model';

let server: MockModelServer;
let client: Anthropic;

beforeEach(async () => {
	server = await startMockModelServer();
	client = new Anthropic({ apiKey: 'sk-ant-test-key-123', baseURL: server.url, maxRetries: 0 });
});
afterEach(() => server.close());

const request = {
	model: 'claude-test',
	max_tokens: 1024,
	messages: [{ role: 'user' as const, content: 'Create hello.txt' }]
};

describe('Anthropic Messages streaming', () => {
	it('streams thinking, text and a tool call that the SDK assembles into one message', async () => {
		server.setScript({
			turns: [
				{
					thinking: 'The user wants a file. I will write it.',
					signature: 'sig-abc',
					text: 'Creating the file now.',
					toolCalls: [
						{
							id: 'toolu_1',
							name: 'write',
							input: { path: 'hello.txt', content: 'Hello, world!\n' }
						}
					],
					usage: {
						inputTokens: 120,
						outputTokens: 45,
						cacheCreationInputTokens: 2000,
						cacheReadInputTokens: 3000
					}
				}
			]
		});
		const stream = client.messages.stream(request);
		const textDeltas: string[] = [];
		const jsonDeltas: string[] = [];
		stream.on('text', (delta) => textDeltas.push(delta));
		stream.on('inputJson', (delta) => jsonDeltas.push(delta));
		const message = await stream.finalMessage();

		expect(message.model).toBe('claude-test');
		expect(message.stop_reason).toBe('tool_use');
		expect(message.content).toEqual([
			{
				type: 'thinking',
				thinking: 'The user wants a file. I will write it.',
				signature: 'sig-abc'
			},
			{ type: 'text', text: 'Creating the file now.' },
			{
				type: 'tool_use',
				id: 'toolu_1',
				name: 'write',
				input: { path: 'hello.txt', content: 'Hello, world!\n' }
			}
		]);
		expect(message.usage).toMatchObject({
			input_tokens: 120,
			output_tokens: 45,
			cache_creation_input_tokens: 2000,
			cache_read_input_tokens: 3000
		});
		expect(textDeltas.length).toBeGreaterThan(1);
		expect(textDeltas.join('')).toBe('Creating the file now.');
		// The arguments really arrive in pieces, so adapters must accumulate partial JSON.
		expect(jsonDeltas.filter((piece) => piece !== '').length).toBeGreaterThanOrEqual(3);
	});

	it('emits the raw event sequence of the real API', async () => {
		server.setScript([{ text: 'Hi', toolCalls: [{ name: 'list', input: {} }] }]);
		const stream = await client.messages.create({ ...request, stream: true });
		const types: string[] = [];
		for await (const event of stream) {
			types.push(event.type === 'content_block_delta' ? `delta:${event.delta.type}` : event.type);
		}
		expect(types).toEqual([
			'message_start',
			'content_block_start',
			'delta:text_delta',
			'content_block_stop',
			'content_block_start',
			'delta:input_json_delta',
			'delta:input_json_delta',
			'delta:input_json_delta',
			'content_block_stop',
			'message_delta',
			'message_stop'
		]);
	});

	it('sends named SSE events with a ping after message_start, as the API does', async () => {
		server.setScript([{ text: 'Hi' }]);
		const response = await fetch(`${server.url}/v1/messages`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
			body: JSON.stringify({ ...request, stream: true })
		});
		expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
		const raw = await response.text();
		expect(raw.startsWith('event: message_start\ndata: {"type":"message_start"')).toBe(true);
		expect(raw).toContain('event: ping\ndata: {"type":"ping"}\n\n');
		expect(raw.endsWith('event: message_stop\ndata: {"type":"message_stop"}\n\n')).toBe(true);
	});

	it('gives a default tool id, end_turn without tools, and fake usage when none is scripted', async () => {
		server.setScript([
			{ toolCalls: [{ name: 'read', input: { path: 'a.ts' } }] },
			{ text: 'Done.' }
		]);
		const first = await client.messages.stream(request).finalMessage();
		const toolUse = first.content[0];
		expect(toolUse?.type).toBe('tool_use');
		expect(toolUse?.type === 'tool_use' && toolUse.id).toMatch(/^toolu_/);
		expect(first.usage.input_tokens).toBeGreaterThan(0);
		expect(first.usage.output_tokens).toBeGreaterThan(0);
		expect(first.usage.cache_read_input_tokens).toBe(0);

		const second = await client.messages.stream(request).finalMessage();
		expect(second.stop_reason).toBe('end_turn');
		expect(second.content).toEqual([{ type: 'text', text: 'Done.' }]);
	});

	it('maps an OpenAI-style stop reason in the script to its Anthropic name', async () => {
		server.setScript([{ text: 'cut off', stopReason: 'length' }]);
		const message = await client.messages.stream(request).finalMessage();
		expect(message.stop_reason).toBe('max_tokens');
	});

	it('answers non-streaming requests with a whole message', async () => {
		server.setScript([
			{ text: 'Plain answer', toolCalls: [{ name: 'glob', input: { pattern: '*.ts' } }] }
		]);
		const message = await client.messages.create(request);
		expect(message.content).toEqual([
			{ type: 'text', text: 'Plain answer', citations: null },
			{
				type: 'tool_use',
				id: expect.stringMatching(/^toolu_/),
				name: 'glob',
				input: { pattern: '*.ts' }
			}
		]);
		expect(message.stop_reason).toBe('tool_use');
	});

	it('streams malformed tool JSON verbatim when the script gives raw arguments', async () => {
		server.setScript([
			{ toolCalls: [{ name: 'write', arguments: '{"path": "a.txt", "content": ' }] }
		]);
		const stream = await client.messages.create({ ...request, stream: true });
		let json = '';
		for await (const event of stream) {
			if (event.type === 'content_block_delta' && event.delta.type === 'input_json_delta') {
				json += event.delta.partial_json;
			}
		}
		expect(json).toBe('{"path": "a.txt", "content": ');
		expect(() => JSON.parse(json)).toThrow();
	});

	it('lists models in the Anthropic format', async () => {
		server.setScript({ models: ['claude-a', 'claude-b'], turns: [] });
		const ids: string[] = [];
		for await (const model of client.models.list()) {
			expect(model.type).toBe('model');
			expect(model.display_name).toBe(model.id);
			ids.push(model.id);
		}
		expect(ids).toEqual(['claude-a', 'claude-b']);
		const page = await client.models.list();
		expect(page.has_more).toBe(false);
		expect(page.first_id).toBe('claude-a');
		expect(page.last_id).toBe('claude-b');
	});

	it('also answers at /messages without the /v1 prefix', async () => {
		server.setScript([{ text: 'no prefix' }]);
		const response = await fetch(`${server.url}/messages`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
			body: JSON.stringify(request)
		});
		expect(response.status).toBe(200);
		expect(await response.json()).toMatchObject({ content: [{ type: 'text', text: 'no prefix' }] });
	});
});
