/**
 * The first send of a page does not wait for the tokenizer's 2 MB: the request goes out on an
 * upper bound of its estimate, and its request event is stored with the tokenizer's estimate once
 * the table arrives, so the context inspector and the calibration only ever see real estimates.
 * The tokenizer's module is held back here until the model request has been issued.
 */
import { describe, expect, it, vi } from 'vitest';
import { estimateRequestTokens, rebuildRequest } from '../../../../src/lib/agent/context/snapshot';
import { tokenizerReady } from '../../../../src/lib/agent/context/tokens';
import type { Provider } from '../../../../src/lib/providers';
import { ofType, types, useAgentHarness } from '../harness';

const gate = vi.hoisted(() => {
	let open = () => {};
	const opened = new Promise<void>((resolve) => (open = resolve));
	return { opened, open };
});

vi.mock('gpt-tokenizer/encoding/o200k_base', async (importOriginal) => {
	await gate.opened;
	return importOriginal();
});

describe('the first request before the tokenizer', () => {
	const setup = useAgentHarness();

	it('goes out at once and is stored with the real estimate', async () => {
		const readyWhenSent: boolean[] = [];
		const watch = (provider: Provider): Provider => ({
			...provider,
			id: provider.id,
			family: provider.family,
			stream: (request) => {
				readyWhenSent.push(tokenizerReady());
				// The table arrives only once the request is on its way.
				gate.open();
				return provider.stream(request);
			},
			listModels: (signal) => provider.listModels(signal)
		});
		const harness = await setup('anthropic', [{ text: 'Hello there.' }, { text: 'Again.' }], {
			wrapProvider: watch
		});
		expect(tokenizerReady()).toBe(false);

		const first = await harness.run('Say hello.');
		expect(first.reason).toBe('completed');
		expect(readyWhenSent).toEqual([false]);
		// The request event still comes before the step it stands for.
		expect(types(harness.log.events, true)).toEqual([
			'session-start',
			'user-message',
			'request',
			'assistant-step',
			'turn-end'
		]);
		// Its estimate is the tokenizer's, not the bound the request went out on.
		expect(tokenizerReady()).toBe(true);
		const index = harness.log.events.findIndex((event) => event.type === 'request');
		const [request] = ofType(harness.log.events, 'request');
		const exact = estimateRequestTokens(rebuildRequest(harness.log.events, index));
		expect(request!.snapshot.estimatedInputTokens).toBe(exact);

		// Later requests are estimated before they go, as always.
		await harness.run('Once more.');
		expect(readyWhenSent).toEqual([false, true]);
	});
});
