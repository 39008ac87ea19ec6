/**
 * Where the upper bound of a first request's estimate could change a decision (here, compaction
 * of a window nearly filled by one long message), the turn waits for the tokenizer and decides
 * on the real estimate, as before. The tokenizer's module is held back until the person's
 * message is stored, so a turn that did not wait would send its request without it.
 */
import { describe, expect, it, vi } from 'vitest';
import { memorySessionLog, type ModelInfo } from '../../../../src/lib/agent';
import { tokenizerReady } from '../../../../src/lib/agent/context/tokens';
import type { Provider } from '../../../../src/lib/providers';
import { types, useAgentHarness } from '../harness';

const gate = vi.hoisted(() => {
	let open = () => {};
	const opened = new Promise<void>((resolve) => (open = resolve));
	return { opened, open };
});

vi.mock('gpt-tokenizer/encoding/o200k_base', async (importOriginal) => {
	await gate.opened;
	return importOriginal();
});

const MODEL: ModelInfo = {
	id: 'mock-model',
	contextWindow: 100_000,
	maxOutputTokens: 4_096,
	prices: { input: 3, output: 15, cacheWrite: 3.75, cacheRead: 0.3 },
	known: true
};

describe('the first request before the tokenizer', () => {
	const setup = useAgentHarness();

	it('waits for it when the bound could cross a threshold', async () => {
		const readyWhenSent: boolean[] = [];
		const watch = (provider: Provider): Provider => ({
			id: provider.id,
			family: provider.family,
			stream: (request) => {
				readyWhenSent.push(tokenizerReady());
				return provider.stream(request);
			},
			listModels: (signal) => provider.listModels(signal)
		});
		const log = memorySessionLog();
		const append = log.append.bind(log);
		log.append = async (event) => {
			await append(event);
			if (event.type === 'user-message') gate.open();
		};
		const harness = await setup('anthropic', [{ text: 'That is a lot of one character.' }], {
			wrapProvider: watch,
			log,
			agent: { modelInfo: MODEL, maxTokens: 1_000 }
		});
		// 78 KB of UTF-8: by the bound past compaction (89k) though within the input room (99k),
		// by the tokenizer (at most three tokens a word) far from either.
		const result = await harness.run('字字 '.repeat(11_150));
		expect(result.reason).toBe('completed');
		expect(readyWhenSent).toEqual([true]);
		expect(types(harness.log.events)).toEqual([
			'session-start',
			'user-message',
			'assistant-step',
			'turn-end'
		]);
	});
});
