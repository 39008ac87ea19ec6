import OpenAI from 'openai';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startMockModelServer, type MockModelServer } from '../../../../tooling/mock-model';

let server: MockModelServer;
let client: OpenAI;

beforeEach(async () => {
	server = await startMockModelServer();
	client = new OpenAI({
		apiKey: 'sk-openai-test-456',
		baseURL: server.openaiBaseURL,
		maxRetries: 0
	});
});
afterEach(() => server.close());

const request = {
	model: 'gpt-test',
	messages: [{ role: 'user' as const, content: 'Create hello.txt' }]
};

describe('OpenAI chat completions streaming', () => {
	it('streams content and tool calls whose arguments arrive in several chunks', async () => {
		server.setScript([
			{
				text: 'Creating two files.',
				toolCalls: [
					{ id: 'call_a', name: 'write', input: { path: 'a.txt', content: 'A' } },
					{ name: 'write', input: { path: 'b.txt', content: 'B' } }
				]
			}
		]);
		const stream = await client.chat.completions.create({ ...request, stream: true });
		let content = '';
		let finishReason: string | null = null;
		let sawRole = false;
		const calls: { id?: string; name?: string; argumentChunks: string[] }[] = [];
		for await (const chunk of stream) {
			expect(chunk.object).toBe('chat.completion.chunk');
			expect(chunk.model).toBe('gpt-test');
			const choice = chunk.choices[0];
			if (!choice) continue;
			if (choice.delta.role === 'assistant') sawRole = true;
			content += choice.delta.content ?? '';
			for (const call of choice.delta.tool_calls ?? []) {
				const entry = (calls[call.index] ??= { argumentChunks: [] });
				if (call.id) entry.id = call.id;
				if (call.function?.name) entry.name = call.function.name;
				if (call.function?.arguments) entry.argumentChunks.push(call.function.arguments);
			}
			finishReason = choice.finish_reason ?? finishReason;
		}
		expect(sawRole).toBe(true);
		expect(content).toBe('Creating two files.');
		expect(finishReason).toBe('tool_calls');
		expect(calls.map((call) => [call.id?.startsWith('call_'), call.name])).toEqual([
			[true, 'write'],
			[true, 'write']
		]);
		expect(calls[0]?.id).toBe('call_a');
		for (const call of calls) expect(call.argumentChunks.length).toBeGreaterThanOrEqual(3);
		expect(JSON.parse(calls[1]?.argumentChunks.join('') ?? '')).toEqual({
			path: 'b.txt',
			content: 'B'
		});
	});

	it('assembles with the .stream() helper and reports usage when include_usage is set', async () => {
		server.setScript([
			{
				text: 'All done.',
				usage: {
					inputTokens: 100,
					outputTokens: 7,
					cacheReadInputTokens: 900,
					cacheCreationInputTokens: 0
				}
			}
		]);
		const stream = client.chat.completions.stream({
			...request,
			stream_options: { include_usage: true }
		});
		const completion = await stream.finalChatCompletion();
		expect(completion.choices[0]?.message.content).toBe('All done.');
		expect(completion.choices[0]?.finish_reason).toBe('stop');
		expect(completion.usage).toMatchObject({
			prompt_tokens: 1000,
			completion_tokens: 7,
			total_tokens: 1007,
			prompt_tokens_details: { cached_tokens: 900 }
		});
	});

	it('collects tool calls through the .stream() helper', async () => {
		server.setScript([{ toolCalls: [{ name: 'bash', input: { command: 'ls -la' } }] }]);
		const stream = client.chat.completions.stream(request);
		const argumentDeltas: string[] = [];
		stream.on('tool_calls.function.arguments.delta', (event) =>
			argumentDeltas.push(event.arguments_delta)
		);
		const completion = await stream.finalChatCompletion();
		const call = completion.choices[0]?.message.tool_calls?.[0];
		expect(call?.type).toBe('function');
		expect(call?.type === 'function' && call.function.name).toBe('bash');
		expect(call?.type === 'function' && JSON.parse(call.function.arguments)).toEqual({
			command: 'ls -la'
		});
		expect(argumentDeltas.length).toBeGreaterThanOrEqual(3);
		expect(completion.choices[0]?.finish_reason).toBe('tool_calls');
	});

	it('sends no usage chunk unless asked, and ends with [DONE]', async () => {
		server.setScript([{ text: 'x' }]);
		const response = await fetch(`${server.openaiBaseURL}/chat/completions`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ ...request, stream: true })
		});
		const raw = await response.text();
		expect(raw).not.toContain('"usage"');
		expect(raw.endsWith('data: [DONE]\n\n')).toBe(true);
		expect(raw).not.toContain('event:');
	});

	it('maps stop reasons: max_tokens becomes length', async () => {
		server.setScript([{ text: 'cut', stopReason: 'max_tokens' }]);
		const completion = await client.chat.completions.stream(request).finalChatCompletion();
		expect(completion.choices[0]?.finish_reason).toBe('length');
	});

	it('streams thinking as reasoning_content', async () => {
		server.setScript([{ thinking: 'Let me think about it.', text: 'Answer.' }]);
		const stream = await client.chat.completions.create({ ...request, stream: true });
		let reasoning = '';
		for await (const chunk of stream) {
			const delta = chunk.choices[0]?.delta as { reasoning_content?: string } | undefined;
			reasoning += delta?.reasoning_content ?? '';
		}
		expect(reasoning).toBe('Let me think about it.');
	});

	it('passes malformed tool-call arguments through untouched', async () => {
		server.setScript([{ toolCalls: [{ name: 'edit', arguments: '{"path": "a.ts", old_string' }] }]);
		const completion = await client.chat.completions.stream(request).finalChatCompletion();
		const call = completion.choices[0]?.message.tool_calls?.[0];
		expect(call?.type === 'function' && call.function.arguments).toBe(
			'{"path": "a.ts", old_string'
		);
	});

	it('answers non-streaming requests with a whole completion', async () => {
		server.setScript([
			{ text: 'Plain', toolCalls: [{ id: 'call_x', name: 'read', input: { path: 'a' } }] }
		]);
		const completion = await client.chat.completions.create(request);
		expect(completion.object).toBe('chat.completion');
		expect(completion.choices[0]?.message).toMatchObject({
			role: 'assistant',
			content: 'Plain',
			tool_calls: [
				{ id: 'call_x', type: 'function', function: { name: 'read', arguments: '{"path":"a"}' } }
			]
		});
		expect(completion.choices[0]?.finish_reason).toBe('tool_calls');
		expect(completion.usage?.total_tokens).toBeGreaterThan(0);
	});

	it('lists models in the OpenAI format', async () => {
		server.setScript({ models: ['gpt-a', 'gpt-b'], turns: [] });
		const ids: string[] = [];
		for await (const model of client.models.list()) {
			expect(model.object).toBe('model');
			expect(typeof model.owned_by).toBe('string');
			ids.push(model.id);
		}
		expect(ids).toEqual(['gpt-a', 'gpt-b']);
	});

	it('also answers at /chat/completions without the /v1 prefix', async () => {
		server.setScript([{ text: 'no prefix' }]);
		const bare = new OpenAI({ apiKey: 'k', baseURL: server.url, maxRetries: 0 });
		const completion = await bare.chat.completions.create(request);
		expect(completion.choices[0]?.message.content).toBe('no prefix');
	});
});
