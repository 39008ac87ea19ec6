import { findProvider } from '@pydantic/genai-prices';
import { beforeAll, describe, expect, it } from 'vitest';
import {
	inputLimit,
	loadModelCatalog,
	modelCatalogReady,
	modelInfo
} from '../../../../src/lib/agent/context';

/** The library's own entry for a model id, read straight from its data (not through Kiln). */
function libraryEntry(providerId: string, id: string) {
	const model = findProvider({ providerId })?.models.find((m) => m.id === id);
	if (!model) throw new Error(`The catalog has no ${providerId} ${id}`);
	const prices = model.prices as Record<string, number>;
	return {
		window: model.context_window,
		input: prices['input_mtok'],
		output: prices['output_mtok']
	};
}

describe('before the catalog has loaded', () => {
	it('answers a conservative fallback: unknown, 128k, no price', () => {
		expect(modelCatalogReady()).toBe(false);
		expect(modelInfo('claude-sonnet-5')).toMatchObject({ contextWindow: 128_000, known: false });
	});
});

describe('the model catalog', () => {
	beforeAll(async () => {
		expect(await loadModelCatalog()).toBe(true);
	});

	it('prices gpt-5-pro as itself, not as gpt-5', () => {
		const pro = modelInfo('gpt-5-pro');
		const gpt5 = modelInfo('gpt-5');
		const expected = libraryEntry('openai', 'gpt-5-pro');
		expect(pro.id).toBe('gpt-5-pro');
		expect(pro.prices.input).toBe(expected.input);
		expect(pro.prices.output).toBe(expected.output);
		expect(pro.prices.input).not.toBe(gpt5.prices.input);
		expect(pro.prices.output).not.toBe(gpt5.prices.output);
	});

	it.each(['o1-pro', 'o3-pro'])('prices %s at its own rate, not its base model’s', (id) => {
		const info = modelInfo(id);
		const expected = libraryEntry('openai', id);
		expect(info).toMatchObject({ id, known: true, contextWindow: expected.window });
		expect(info.prices.input).toBe(expected.input);
		expect(info.prices.output).toBe(expected.output);
		expect(info.prices.input).toBeGreaterThan(modelInfo(id.replace('-pro', '')).prices.input);
	});

	it.each(['claude-sonnet-5', 'claude-opus-5'])('knows %s', (id) => {
		const info = modelInfo(id);
		const expected = libraryEntry('anthropic', id);
		expect(info).toMatchObject({ id, known: true, contextWindow: expected.window });
		expect(info.prices.input).toBe(expected.input);
		expect(info.prices.cacheRead).toBeLessThan(info.prices.input);
		expect(info.prices.cacheWrite).toBeGreaterThan(info.prices.input);
	});

	it('caps GPT-5 input below its window (272k of 400k), and leaves larger windows alone', () => {
		const gpt5 = modelInfo('gpt-5-2025-08-07');
		expect(gpt5.contextWindow).toBe(libraryEntry('openai', 'gpt-5').window);
		expect(inputLimit(gpt5)).toBe(272_000);
		expect(inputLimit(modelInfo('gpt-5-mini'))).toBe(272_000);
		expect(inputLimit(modelInfo('gpt-5-pro'))).toBeLessThan(272_000);
		const big = modelInfo('gpt-5.4');
		expect(inputLimit(big)).toBe(big.contextWindow);
		expect(inputLimit(modelInfo('claude-sonnet-5'))).toBe(
			modelInfo('claude-sonnet-5').contextWindow
		);
	});

	it('finds dated, routed and dotted ids', () => {
		expect(modelInfo('claude-sonnet-4-5-20250929').id).toBe('claude-sonnet-4-5');
		expect(modelInfo('claude-sonnet-4.5').id).toBe('claude-sonnet-4-5');
		expect(modelInfo('anthropic/claude-sonnet-4.5').known).toBe(true);
		expect(modelInfo('openai/gpt-5-mini').id).toMatch(/gpt-5-mini/);
		expect(modelInfo('gpt-4.1-mini').id).toBe('gpt-4.1-mini');
	});

	it('flags deprecated models, including those only the Anthropic SDK warns about', async () => {
		// The SDK's own list (not exported, so read from its file): every entry must be flagged.
		const { DEPRECATED_MODELS } =
			(await import('../../../../node_modules/@anthropic-ai/sdk/internal/data/deprecated-models.mjs')) as {
				DEPRECATED_MODELS: Record<string, string>;
			};
		expect(Object.keys(DEPRECATED_MODELS).length).toBeGreaterThan(0);
		for (const id of Object.keys(DEPRECATED_MODELS)) {
			expect(modelInfo(id).deprecated, id).toBe(true);
		}
		expect(modelInfo('claude-sonnet-5').deprecated).toBeUndefined();
	});

	it('leaves unknown and local models unpriced', () => {
		const local = modelInfo('qwen2.5-coder:7b');
		expect(local).toMatchObject({ id: 'qwen2.5-coder:7b', contextWindow: 128_000, known: false });
		expect(local.prices).toEqual({ input: 0, output: 0, cacheWrite: 0, cacheRead: 0 });
	});
});
