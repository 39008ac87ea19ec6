/**
 * The first send of a page does not wait for the tokenizer's 2 MB: the request goes out on an
 * upper bound of its estimate, and its request event is stored at once with a rough count marked
 * as such, so neither the answer nor the turn's end waits for the table (seconds on a slow
 * network), and the calibration never learns from a rough count. The tokenizer's module is held
 * back here until the test lets it go.
 */
import { describe, expect, it, vi } from 'vitest';
import { estimateRequestTokens, rebuildRequest } from '../../../../src/lib/agent/context/snapshot';
import { loadTokenizer, tokenizerReady } from '../../../../src/lib/agent/context/tokens';
import { TokenCalibration } from '../../../../src/lib/agent/context/calibration';
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

	it('goes out at once, and the turn ends without waiting for the tokenizer', async () => {
		const readyWhenSent: boolean[] = [];
		const watch = (provider: Provider): Provider => ({
			...provider,
			id: provider.id,
			family: provider.family,
			stream: (request) => {
				readyWhenSent.push(tokenizerReady());
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
		// The whole turn ran with the table still held back.
		expect(tokenizerReady()).toBe(false);
		// The request event still comes before the step it stands for.
		expect(types(harness.log.events, true)).toEqual([
			'session-start',
			'user-message',
			'request',
			'assistant-step',
			'turn-end'
		]);
		const [request] = ofType(harness.log.events, 'request');
		expect(request!.snapshot.rough).toBe(true);
		expect(request!.snapshot.estimatedInputTokens).toBeGreaterThan(0);
		// A rough count teaches the calibration nothing, stored or live.
		expect(TokenCalibration.fromEvents(harness.log.events).ratio(request!.snapshot.model)).toBe(
			new TokenCalibration().ratio(request!.snapshot.model)
		);

		// With the table here, later requests are estimated exactly before they go.
		gate.open();
		await loadTokenizer();
		await harness.run('Once more.');
		expect(readyWhenSent).toEqual([false, true]);
		const index = harness.log.events.findLastIndex((event) => event.type === 'request');
		const second = harness.log.events[index];
		expect(second?.type === 'request' && second.snapshot.rough).toBeFalsy();
		const exact = estimateRequestTokens(rebuildRequest(harness.log.events, index));
		expect(second?.type === 'request' && second.snapshot.estimatedInputTokens).toBe(exact);
	});
});
