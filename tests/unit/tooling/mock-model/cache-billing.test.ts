import { describe, expect, it } from 'vitest';
import {
	characterEstimate,
	COST_WEIGHTS,
	FIVE_MINUTES_MS,
	inputCost,
	PromptCacheSimulator,
	SimClock
} from '../../../../tooling/mock-model/cache';

const counter = characterEstimate(3.5);
const big = 'x'.repeat(7_000); // 2,000 tokens at 3.5 characters a token
const cached = { type: 'ephemeral' as const };

function body(systemMarked: boolean, messages: { text: string; marked?: boolean }[] = []) {
	return {
		model: 'claude-test',
		max_tokens: 100,
		system: [{ type: 'text', text: big, ...(systemMarked ? { cache_control: cached } : {}) }],
		messages: messages.map(({ text, marked }, index) => ({
			role: index % 2 === 0 ? 'user' : 'assistant',
			content: [{ type: 'text', text, ...(marked ? { cache_control: cached } : {}) }]
		}))
	};
}

function usage(sim: PromptCacheSimulator, request: unknown, pauseMs = 0) {
	const outcome = sim.process(request, { pauseMs });
	if (!outcome.ok) throw new Error(outcome.message);
	return outcome.account.usage;
}

describe('cache billing weights', () => {
	it('bills uncached input at 1×, cache writes at 1.25× and cache reads at 0.1×', () => {
		expect(COST_WEIGHTS).toEqual({ uncached: 1, write: 1.25, read: 0.1 });
		expect(
			inputCost({
				input_tokens: 1_000,
				cache_creation_input_tokens: 1_000,
				cache_read_input_tokens: 1_000
			})
		).toBeCloseTo(1_000 + 1_250 + 100, 9);
		expect(
			inputCost({ input_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 40 })
		).toBeCloseTo(4, 9);
	});
});

describe('cache lifetime', () => {
	it('expires an entry 5 minutes after its last use, not a moment later or earlier', () => {
		const sim = new PromptCacheSimulator({ stepMs: 0, countTokens: counter });
		usage(sim, body(true));
		expect(usage(sim, body(true), FIVE_MINUTES_MS - 1).cache_read_input_tokens).toBe(2_000);
		// That hit was a use: 5 minutes from it, not from the write, it is gone.
		const late = usage(sim, body(true), FIVE_MINUTES_MS);
		expect(late.cache_read_input_tokens).toBe(0);
		expect(late.cache_creation_input_tokens).toBe(2_000);
	});

	it('refreshes an entry it reads through the lookback, where no breakpoint is now', () => {
		const clock = new SimClock();
		const sim = new PromptCacheSimulator({ clock, stepMs: 0, countTokens: counter });
		// t=0: an entry at the end of the system prompt.
		usage(sim, body(true));
		// t=4 min: the breakpoint has moved on to the message; the system entry is read
		// through the lookback (a hit), and that hit alone must restart its 5 minutes.
		const moved = usage(sim, body(false, [{ text: 'y'.repeat(35), marked: true }]), 240_000);
		expect(moved.cache_read_input_tokens).toBe(2_000);
		// t=8 min: 8 minutes after the write, 4 after the hit: still there.
		const again = usage(sim, body(true, [{ text: 'z'.repeat(35) }]), 240_000);
		expect(again.cache_read_input_tokens).toBe(2_000);
		expect(clock.now()).toBe(480_000);
	});
});

describe('the simulator’s token counter', () => {
	it('is a plain characters-per-token estimate when the bench picks one', () => {
		expect(counter('')).toBe(0);
		expect(counter('abcdefg')).toBe(2);
		expect(counter('abcdefgh')).toBe(3);
		expect(() => characterEstimate(0)).toThrow(RangeError);
		const sim = new PromptCacheSimulator({ countTokens: counter });
		expect(usage(sim, body(false)).input_tokens).toBe(2_000);
	});
});
