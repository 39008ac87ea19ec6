import { describe, expect, it } from 'vitest';
import { toAnthropicParams } from '../../../src/lib/providers/anthropic-request';
import { toOpenAIParams } from '../../../src/lib/providers/openai-request';
import {
	supportsReasoning,
	thinkingFor,
	withReasoning,
	type ModelRequest,
	type ProviderId
} from '../../../src/lib/providers';

const request = (model: string): ModelRequest => ({
	model,
	system: [{ text: 'sys' }],
	tools: [],
	messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
	maxTokens: 32_000
});

describe('reasoning settings per API', () => {
	it('uses adaptive thinking with effort for current Claude models, a budget for older ones', () => {
		expect(
			thinkingFor({ provider: 'anthropic', model: 'claude-sonnet-5', reasoning: 'high' }, 8192)
		).toEqual({
			type: 'adaptive',
			effort: 'high'
		});
		const budget = thinkingFor(
			{ provider: 'anthropic', model: 'claude-sonnet-4-5-20250929', reasoning: 'high' },
			8192
		);
		expect(budget?.type).toBe('enabled');
		// The budget leaves room for the answer inside max_tokens.
		expect(budget?.type === 'enabled' && budget.budgetTokens).toBeLessThan(8192);
		expect(
			thinkingFor(
				{ provider: 'anthropic', model: 'claude-3-5-haiku-latest', reasoning: 'low' },
				8192
			)
		).toBeUndefined();
		expect(
			thinkingFor({ provider: 'anthropic', model: 'claude-sonnet-4-0', reasoning: 'low' }, 2048)
		).toBeUndefined();
	});

	it('puts adaptive effort into output_config on the Anthropic wire', () => {
		const params = toAnthropicParams(
			withReasoning(request('claude-opus-5'), {
				provider: 'anthropic',
				model: 'claude-opus-5',
				reasoning: 'medium'
			})
		);
		expect(params.thinking).toEqual({ type: 'adaptive' });
		expect(params.output_config).toEqual({ effort: 'medium' });
	});

	it.each<[ProviderId, string, Record<string, unknown> | undefined]>([
		['openai', 'gpt-5.4', { reasoning_effort: 'high' }],
		['openai', 'o3', { reasoning_effort: 'high' }],
		['openai', 'gpt-4o', undefined],
		['openrouter', 'openai/gpt-5.4', { reasoning: { effort: 'high' } }],
		['ollama', 'gpt-oss:20b', { reasoning_effort: 'high' }]
	])('%s %s: sends %j', (provider, model, expected) => {
		const params = toOpenAIParams(
			withReasoning(request(model), { provider, model, reasoning: 'high' }),
			provider
		) as unknown as Record<string, unknown>;
		const sent = Object.fromEntries(
			Object.entries(params).filter(([key]) => key === 'reasoning' || key === 'reasoning_effort')
		);
		expect(sent).toEqual(expected ?? {});
	});

	it('sends nothing when no reasoning is set, and keeps a request’s own thinking', () => {
		const plain = request('claude-sonnet-5');
		expect(withReasoning(plain, { provider: 'anthropic', model: 'claude-sonnet-5' })).toBe(plain);
		const own: ModelRequest = { ...plain, thinking: { type: 'enabled', budgetTokens: 2048 } };
		expect(
			withReasoning(own, { provider: 'anthropic', model: 'claude-sonnet-5', reasoning: 'high' })
				.thinking
		).toEqual({ type: 'enabled', budgetTokens: 2048 });
	});

	it('offers the setting where the model supports it; the provider list wins over the id rules', () => {
		expect(supportsReasoning('openai', 'gpt-5.4')).toBe(true);
		expect(supportsReasoning('openai', 'gpt-4.1')).toBe(false);
		expect(supportsReasoning('anthropic', 'claude-haiku-4-5')).toBe(true);
		expect(supportsReasoning('anthropic', 'claude-3-5-sonnet-20241022')).toBe(false);
		expect(supportsReasoning('openrouter', 'meta/llama', false)).toBe(false);
		expect(supportsReasoning('anthropic', '')).toBe(false);
	});
});
