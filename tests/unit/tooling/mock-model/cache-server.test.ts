import Anthropic from '@anthropic-ai/sdk';
import { afterEach, describe, expect, it } from 'vitest';
import {
	startMockModelServer,
	TokenCounter,
	type MockModelServer
} from '../../../../tooling/mock-model';

let server: MockModelServer | undefined;
afterEach(() => server?.close());

const system = Array.from({ length: 1500 }, (_, i) => `rule${i}`).join(' ');
const cached = { type: 'ephemeral' as const };

function client(url: string) {
	return new Anthropic({ apiKey: 'sk-ant-test-key-123', baseURL: url, maxRetries: 0 });
}

describe('mock-model with the prompt-cache simulator', () => {
	it('reports simulated usage: a write, then a read of the same prefix', async () => {
		server = await startMockModelServer({
			script: [{ text: 'one' }, { text: 'two', pauseMs: 60_000 }],
			cache: { enabled: true, stepMs: 10_000 }
		});
		const anthropic = client(server.url);
		const request = {
			model: 'claude-test',
			max_tokens: 100,
			system: [{ type: 'text' as const, text: system, cache_control: cached }],
			messages: [{ role: 'user' as const, content: 'hi' }]
		};
		const systemTokens = new TokenCounter().count(system);

		const first = await anthropic.messages.stream(request).finalMessage();
		expect(first.usage).toMatchObject({
			cache_creation_input_tokens: systemTokens,
			cache_read_input_tokens: 0,
			input_tokens: 1
		});
		const second = await anthropic.messages.create(request);
		expect(second.usage).toMatchObject({
			cache_creation_input_tokens: 0,
			cache_read_input_tokens: systemTokens
		});
		expect(second.usage.output_tokens).toBeGreaterThan(0);
		// 10 s per request plus the scripted pause.
		expect(server.cache?.clock.now()).toBe(80_000);
		expect(server.cache?.history().map((entry) => entry.seq)).toEqual([0, 1]);
	});

	it('answers 400 for five breakpoints without using a turn', async () => {
		server = await startMockModelServer({ script: [{ text: 'ok' }], cache: { enabled: true } });
		const anthropic = client(server.url);
		const blocks = [1, 2, 3, 4, 5].map((i) => ({
			type: 'text' as const,
			text: `part ${i}`,
			cache_control: cached
		}));
		const refused = anthropic.messages.create({
			model: 'claude-test',
			max_tokens: 100,
			system: blocks,
			messages: [{ role: 'user', content: 'hi' }]
		});
		await expect(refused).rejects.toMatchObject({ status: 400 });
		await expect(refused).rejects.toThrow(/maximum of 4 blocks with cache_control/);
		const ok = await anthropic.messages.create({
			model: 'claude-test',
			max_tokens: 100,
			system: blocks.slice(1),
			messages: [{ role: 'user', content: 'hi' }]
		});
		expect(ok.content).toEqual([{ type: 'text', text: 'ok', citations: null }]);
	});

	it('leaves scripted usage alone when the simulator is off', async () => {
		server = await startMockModelServer({
			script: [{ text: 'x', usage: { inputTokens: 7, cacheReadInputTokens: 3 } }]
		});
		const message = await client(server.url).messages.create({
			model: 'claude-test',
			max_tokens: 100,
			system: [{ type: 'text', text: system, cache_control: cached }],
			messages: [{ role: 'user', content: 'hi' }]
		});
		expect(message.usage).toMatchObject({ input_tokens: 7, cache_read_input_tokens: 3 });
		expect(server.cache).toBeUndefined();
	});
});
