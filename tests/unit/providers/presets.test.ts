import { describe, expect, it } from 'vitest';
import {
	PROVIDER_PRESETS,
	ProviderError,
	createProvider,
	describeConfigProblem,
	resolveBaseUrl
} from '../../../src/lib/providers';

describe('presets', () => {
	it('offers the six providers Settings lists, with their default URLs', () => {
		expect(PROVIDER_PRESETS.map((p) => [p.label, p.defaultBaseUrl])).toEqual([
			['Anthropic', 'https://api.anthropic.com'],
			['OpenAI', 'https://api.openai.com/v1'],
			['OpenRouter', 'https://openrouter.ai/api/v1'],
			['Ollama', 'http://localhost:11434/v1'],
			['LM Studio', 'http://localhost:1234/v1'],
			['OpenAI-compatible', undefined]
		]);
	});

	it('normalises pasted base URLs', () => {
		expect(
			resolveBaseUrl({ provider: 'anthropic', baseUrl: 'https://api.anthropic.com/v1/' })
		).toBe('https://api.anthropic.com');
		expect(resolveBaseUrl({ provider: 'ollama', baseUrl: 'http://localhost:11434' })).toBe(
			'http://localhost:11434/v1'
		);
		expect(resolveBaseUrl({ provider: 'openai-compatible', baseUrl: 'http://h:8000/' })).toBe(
			'http://h:8000'
		);
		expect(resolveBaseUrl({ provider: 'openrouter' })).toBe('https://openrouter.ai/api/v1');
	});

	it('explains what a configuration is missing', () => {
		expect(describeConfigProblem({ provider: 'anthropic', model: 'x' })).toMatch(/API key/);
		expect(describeConfigProblem({ provider: 'openai-compatible', model: 'x' })).toMatch(
			/Base URL/
		);
		expect(
			describeConfigProblem({ provider: 'openai-compatible', baseUrl: 'ftp://x', model: 'x' })
		).toMatch(/not an http/);
		expect(describeConfigProblem({ provider: 'ollama', model: ' ' })).toMatch(/Choose a model/);
		expect(
			describeConfigProblem({ provider: 'ollama', model: '' }, { needModel: false })
		).toBeUndefined();
		expect(describeConfigProblem({ provider: 'ollama', model: 'llama3' })).toBeUndefined();
	});

	it('names where to fix a problem: Settings from elsewhere, the fields themselves inside it', () => {
		expect(describeConfigProblem({ provider: 'anthropic', model: 'x' })).toBe(
			'Anthropic needs an API key: add it in Settings.'
		);
		expect(describeConfigProblem({ provider: 'anthropic', model: 'x' }, { where: 'below' })).toBe(
			'Anthropic needs an API key: add it below.'
		);
		// A keyless local provider asks for no key, only for what it lacks.
		expect(describeConfigProblem({ provider: 'ollama', model: '' }, { where: 'below' })).toBe(
			'Choose a model for Ollama below.'
		);
	});

	it('links every provider that needs a key to where its keys are made', () => {
		for (const preset of PROVIDER_PRESETS.filter((p) => p.requiresApiKey)) {
			expect(new URL(preset.keysUrl ?? '').protocol).toBe('https:');
		}
	});

	it('createProvider refuses a configuration that cannot work', () => {
		expect(() => createProvider({ provider: 'openai', model: 'gpt' })).toThrow(ProviderError);
		expect(() => createProvider({ provider: 'openai', model: 'gpt' })).toThrow(
			expect.objectContaining({ kind: 'auth', message: expect.stringMatching(/API key/) })
		);
		expect(() => createProvider({ provider: 'openai-compatible', model: 'x' })).toThrow(/Base URL/);
	});
});
