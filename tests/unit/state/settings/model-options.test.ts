import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadModelCatalog, modelInfo } from '../../../../src/lib/agent/context';
import { PROVIDER_PRESETS, ProviderError } from '../../../../src/lib/providers';
import { imagesNote, listModelOptions, summariseModel } from '../../../../src/lib/state/settings';
import { startMockModelServer, type MockModelServer } from '../../../../tooling/mock-model';

let server: MockModelServer;

beforeAll(async () => {
	expect(await loadModelCatalog()).toBe(true);
	server = await startMockModelServer({
		script: { models: ['claude-sonnet-5', 'claude-sonnet-4-5', 'qwen-local'], turns: [] }
	});
});

afterAll(async () => {
	await server.close();
});

describe('the provider’s model list in Settings', () => {
	it.each([
		['anthropic', () => server.url],
		['openai', () => server.openaiBaseURL],
		['lmstudio', () => server.openaiBaseURL]
	] as const)(
		'lists %s models with window and price, flagging deprecated ones',
		async (provider, url) => {
			const options = await listModelOptions({
				provider,
				apiKey: 'sk-test',
				baseUrl: url(),
				model: ''
			});
			expect(options.map((option) => option.id)).toEqual([
				'claude-sonnet-4-5',
				'claude-sonnet-5',
				'qwen-local'
			]);
			const [old, current, local] = options;
			const sonnet = modelInfo('claude-sonnet-5');
			expect(current!.details).toContain(
				`$${sonnet.prices.input} in / $${sonnet.prices.output} out`
			);
			expect(current!.contextWindow).toBe(sonnet.contextWindow);
			expect(current!.deprecated).toBe(false);
			expect(old!.deprecated).toBe(true);
			expect(local!.details).toBe('window unknown · price unknown');
		}
	);

	it('fails with a readable ProviderError, so Settings can leave typing free', async () => {
		await expect(
			listModelOptions({ provider: 'anthropic', baseUrl: server.url, model: '' })
		).rejects.toMatchObject({ kind: 'auth', message: expect.stringMatching(/API key/) });
		// Nothing listens there: offline.
		const offline = listModelOptions({
			provider: 'ollama',
			baseUrl: 'http://127.0.0.1:9/v1',
			model: ''
		});
		await expect(offline).rejects.toBeInstanceOf(ProviderError);
		await expect(offline).rejects.toMatchObject({ kind: 'network' });
	});

	it('summarises the chosen model: GPT-5’s input cap, unknown models', () => {
		expect(summariseModel('openai', 'gpt-5').details).toMatch(/^400k window \(272k input\)/);
		expect(summariseModel('ollama', 'qwen-local')).toMatchObject({
			known: false,
			deprecated: false
		});
		expect(summariseModel('anthropic', 'claude-sonnet-4-5').deprecated).toBe(true);
	});

	it('suggests a current, non-deprecated default model for each hosted provider', () => {
		for (const preset of PROVIDER_PRESETS) {
			if (!preset.requiresApiKey) continue;
			expect(preset.defaultModel, preset.label).toBeTruthy();
			const info = modelInfo(preset.defaultModel!, preset.id);
			expect(info.known, preset.defaultModel).toBe(true);
			expect(info.deprecated, preset.defaultModel).toBeUndefined();
		}
	});
});

describe('imagesNote (what the composer says about attached images)', () => {
	it('says nothing for a vision model, says no for a text model, and says when it does not know', () => {
		expect(imagesNote({ model: 'claude-sonnet-4-5' })).toBeUndefined();
		expect(imagesNote({ model: 'llava', images: true })).toBeUndefined();
		expect(imagesNote({ model: 'gpt-4o', images: false })).toBe(
			'gpt-4o does not accept images: it gets a short note in their place.'
		);
		expect(imagesNote({ model: 'qwen2.5-coder' })).toMatch(
			/does not know whether qwen2.5-coder accepts images.*“Accepts images” to Yes in Settings/
		);
	});
});
