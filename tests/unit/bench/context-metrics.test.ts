import { describe, expect, it } from 'vitest';
import { benchTokenizer, generateProject, measure } from '../../../bench/context';
import { countTokens, loadTokenizer } from '../../../src/lib/agent/context';

describe('context benchmark accounting', () => {
	it('prices a run at uncached 1×, write 1.25×, read 0.1×, against its perfect-cache floor', () => {
		const usage = (input: number, write: number, read: number) => ({
			atMs: 0,
			model: 'm',
			usage: {
				input_tokens: input,
				cache_creation_input_tokens: write,
				cache_read_input_tokens: read
			},
			totalInputTokens: input + write + read,
			breakpoints: [],
			readThrough: -1,
			written: [],
			blocks: 1
		});
		const metrics = measure(
			{
				accounts: [usage(200, 1000, 0), usage(0, 100, 1000)],
				refusals: [],
				events: [],
				turns: [],
				extraRequests: 0,
				answeredFromPaste: 0,
				trace: [
					{ atMs: 0, keys: ['a'], tokens: [1200] },
					{ atMs: 10, keys: ['a', 'a/b'], tokens: [1200, 100] }
				]
			},
			200_000
		);
		expect(metrics.costInputEquivalents).toBeCloseTo(200 + 1.25 * 1100 + 0.1 * 1000, 9);
		expect(metrics.floorInputEquivalents).toBeCloseTo(1.25 * 1200 + 100 + 0.1 * 1200, 9);
		expect(metrics.costVsFloor).toBeCloseTo(
			metrics.costInputEquivalents / metrics.floorInputEquivalents,
			9
		);
	});

	it('bills with a token counter that is not the agent’s estimator', async () => {
		expect(await loadTokenizer()).toBe(true);
		const { countTokens: simulated, note } = benchTokenizer();
		expect(note).toMatch(/characters \/ 3\.5/);
		const files = Object.values(generateProject());
		const differing = files.filter((text) => simulated(text) !== countTokens(text));
		expect(differing.length).toBeGreaterThan(files.length * 0.9);
		const total = (count: (text: string) => number) =>
			files.reduce((sum, text) => sum + count(text), 0);
		expect(Math.abs(total(simulated) / total(countTokens) - 1)).toBeGreaterThan(0.03);
	});
});
