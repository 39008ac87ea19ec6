import { describe, expect, it } from 'vitest';
import {
	characterEstimate,
	FIVE_MINUTES_MS,
	inputCost,
	perfectCacheFloor,
	PromptCacheSimulator,
	type PrefixTrace
} from '../../../../tooling/mock-model/cache';

/** A request made of named blocks; keys chain like the simulator's (a key names its prefix). */
function request(atMs: number, blocks: [string, number][]): PrefixTrace {
	const keys: string[] = [];
	let chain = '';
	for (const [name] of blocks) keys.push((chain = `${chain}/${name}`));
	return { atMs, keys, tokens: blocks.map(([, tokens]) => tokens) };
}

describe('perfect-cache floor', () => {
	it('writes each prefix once at 1.25× and reads it at 0.1× ever after', () => {
		const floor = perfectCacheFloor([
			request(0, [['a', 1000]]),
			request(10, [
				['a', 1000],
				['b', 200]
			]),
			request(20, [
				['a', 1000],
				['b', 200],
				['c', 300]
			])
		]);
		// a and b are read later (written); c never is (sent uncached at best).
		expect(floor).toEqual({
			writeTokens: 1200,
			uncachedTokens: 300,
			readTokens: 1000 + 1200,
			cost: 1.25 * 1200 + 300 + 0.1 * 2200
		});
	});

	it('counts a block after a changed one as new: a prefix cache cannot reuse it', () => {
		const floor = perfectCacheFloor([
			request(0, [
				['a', 1000],
				['b', 500],
				['c', 500]
			]),
			request(10, [
				['a', 1000],
				['B', 50],
				['c', 500]
			])
		]);
		expect(floor.readTokens).toBe(1000);
		expect(floor.writeTokens).toBe(1000);
		expect(floor.uncachedTokens).toBe(500 + 500 + 50 + 500);
	});

	it('with a lifetime, a prefix unused for 5 minutes must be sent again', () => {
		const trace = [
			request(0, [['a', 1000]]),
			request(FIVE_MINUTES_MS - 1, [['a', 1000]]),
			request(2 * (FIVE_MINUTES_MS - 1), [['a', 1000]])
		];
		expect(perfectCacheFloor(trace, { ttlMs: FIVE_MINUTES_MS }).readTokens).toBe(2000);
		const broken = [request(0, [['a', 1000]]), request(FIVE_MINUTES_MS, [['a', 1000]])];
		expect(perfectCacheFloor(broken, { ttlMs: FIVE_MINUTES_MS })).toMatchObject({
			readTokens: 0,
			uncachedTokens: 2000
		});
		expect(perfectCacheFloor(broken).readTokens).toBe(1000);
	});

	it('is never above what the simulated cache bills for the same requests', () => {
		const counter = characterEstimate(3.5);
		const sim = new PromptCacheSimulator({ stepMs: 10_000, countTokens: counter });
		const system = 'rules '.repeat(2_000);
		const messages: { role: string; content: { type: string; text: string }[] }[] = [];
		let billed = 0;
		for (let step = 0; step < 12; step++) {
			messages.push({
				role: step % 2 === 0 ? 'user' : 'assistant',
				content: [{ type: 'text', text: `step ${step} `.repeat(50 + step * 40) }]
			});
			// Only the system prompt carries a marker: a poor placement the floor does not share.
			const outcome = sim.process(
				{
					model: 'claude-test',
					max_tokens: 10,
					system: [{ type: 'text', text: system, cache_control: { type: 'ephemeral' } }],
					messages
				},
				{ pauseMs: step === 6 ? 6 * 60_000 : 0 }
			);
			if (!outcome.ok) throw new Error(outcome.message);
			billed += inputCost(outcome.account.usage);
		}
		const trace = sim.prefixTrace();
		expect(trace).toHaveLength(12);
		const floor = perfectCacheFloor(trace);
		const floor5m = perfectCacheFloor(trace, { ttlMs: FIVE_MINUTES_MS });
		expect(floor.cost).toBeLessThan(floor5m.cost);
		expect(floor5m.cost).toBeLessThan(billed);
		// The trace's tokens are the simulator's own counts.
		expect(trace[0]!.tokens.reduce((a, b) => a + b, 0)).toBe(
			counter(system) + counter(messages[0]!.content[0]!.text)
		);
	});
});
