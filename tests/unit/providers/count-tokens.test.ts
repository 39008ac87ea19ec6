/**
 * Anthropic's free count-tokens endpoint through the provider, against the scripted server: the
 * count is what the simulated API bills for the same request, and any failure is a
 * ProviderError the agent falls back from (its estimate).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { exactTokenCount } from '../../../src/lib/agent/context-fit';
import { createProvider, ProviderError, type ModelRequest } from '../../../src/lib/providers';
import {
	startMockModelServer,
	TokenCounter,
	type MockModelServer
} from '../../../tooling/mock-model';

let server: MockModelServer | undefined;
afterEach(async () => {
	await server?.close();
	server = undefined;
});

const request: ModelRequest = {
	model: 'mock-model',
	system: [{ text: 'You are a careful assistant. '.repeat(40), cache: {} }],
	tools: [
		{
			name: 'read',
			description: 'Reads a file.',
			inputSchema: { type: 'object', properties: { path: { type: 'string' } } }
		}
	],
	messages: [{ role: 'user', content: [{ type: 'text', text: 'Summarise README.md please.' }] }],
	maxTokens: 1_000
};

function anthropic(baseUrl: string) {
	return createProvider({
		provider: 'anthropic',
		apiKey: 'sk-ant-k',
		baseUrl,
		model: 'mock-model'
	});
}

describe('count-tokens', () => {
	it('counts a request as the simulated API bills it, using no turn', async () => {
		const countTokens = (text: string) => Math.ceil(new TokenCounter().count(text) * 1.3);
		server = await startMockModelServer({
			script: [{ text: 'ok' }],
			cache: { enabled: true, countTokens }
		});
		const provider = anthropic(server.url);
		const counted = await provider.countTokens!(request);

		// The same request run for real: its usage (input + cache write + read) is the count.
		let billed = 0;
		for await (const event of provider.stream(request)) {
			if (event.type === 'usage') {
				billed = event.inputTokens + event.cacheWriteTokens + event.cacheReadTokens;
			}
		}
		expect(counted).toBeGreaterThan(100);
		expect(counted).toBe(billed);
		expect(server.tokenCounts()).toHaveLength(1);
		expect(server.tokenCounts()[0]!.body).toMatchObject({ model: 'mock-model' });
		expect(server.tokenCounts()[0]!.body).not.toHaveProperty('max_tokens');
		expect(server.requests()).toHaveLength(1);
	});

	it('counts with o200k when the server runs without the simulator', async () => {
		server = await startMockModelServer();
		const counter = new TokenCounter();
		const expected =
			counter.count(
				['read', 'Reads a file.', JSON.stringify(request.tools[0]!.inputSchema)].join('\n')
			) +
			counter.count(request.system[0]!.text) +
			counter.count('Summarise README.md please.');
		expect(await anthropic(server.url).countTokens!(request)).toBe(expected);
	});

	it('fails as a ProviderError, and the agent falls back to its estimate', async () => {
		server = await startMockModelServer();
		const url = server.url;
		await server.close();
		server = undefined;
		const provider = anthropic(url);
		const failure = await provider.countTokens!(request).catch((error: unknown) => error);
		expect(failure).toBeInstanceOf(ProviderError);
		expect((failure as ProviderError).kind).toBe('network');
		expect(await exactTokenCount(provider, request, new AbortController().signal)).toBeUndefined();
	});

	it('is offered only where the API has it', async () => {
		const openai = createProvider({
			provider: 'openai',
			apiKey: 'k',
			baseUrl: 'http://127.0.0.1:9/v1',
			model: 'mock-model'
		});
		expect(openai.countTokens).toBeUndefined();
		expect(await exactTokenCount(openai, request, new AbortController().signal)).toBeUndefined();
	});
});
