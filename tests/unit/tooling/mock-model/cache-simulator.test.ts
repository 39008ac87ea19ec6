import { describe, expect, it } from 'vitest';
import {
	PromptCacheSimulator,
	SimClock,
	TokenCounter,
	type PromptCacheOptions
} from '../../../../tooling/mock-model';

// Bodies in the Messages API shape; `cache: true` marks a block with cache_control.
type Block = { type: 'text'; text: string; cache_control?: { type: 'ephemeral'; ttl?: '1h' } };

const counter = new TokenCounter();

/** Text of roughly `tokens` tokens, different for each seed (so prefixes really differ). */
function filler(seed: string, tokens: number): string {
	return Array.from({ length: tokens }, (_, i) => `${seed}${i}`).join(' ');
}

function block(text: string, cache = false, ttl?: '1h'): Block {
	return cache
		? { type: 'text', text, cache_control: { type: 'ephemeral', ...(ttl ? { ttl } : {}) } }
		: { type: 'text', text };
}

function body(system: Block[], messages: Block[][] = [], model = 'claude-test') {
	return {
		model,
		max_tokens: 1000,
		system,
		messages: messages.map((content, index) => ({
			role: index % 2 === 0 ? 'user' : 'assistant',
			content
		}))
	};
}

function simulator(options: PromptCacheOptions = {}) {
	return new PromptCacheSimulator({ stepMs: 1000, ...options });
}

function account(sim: PromptCacheSimulator, request: unknown, pauseMs?: number) {
	const outcome = sim.process(request, { pauseMs });
	if (!outcome.ok) throw new Error(outcome.message);
	return outcome.account;
}

const big = filler('sys', 1500);
const bigTokens = counter.count(big);

describe('prompt-cache simulator', () => {
	it('writes on a miss, then reads the same prefix on the next request', () => {
		const sim = simulator();
		const request = body([block(big, true)], [[block('hello')]]);
		const first = account(sim, request);
		expect(first.usage.cache_read_input_tokens).toBe(0);
		expect(first.usage.cache_creation_input_tokens).toBe(bigTokens);
		expect(first.usage.input_tokens).toBe(counter.count('hello'));

		const second = account(sim, request);
		expect(second.usage).toEqual({
			input_tokens: counter.count('hello'),
			cache_creation_input_tokens: 0,
			cache_read_input_tokens: bigTokens
		});
	});

	it('misses when one byte before the breakpoint changes, or the model changes', () => {
		const sim = simulator();
		account(sim, body([block(big, true)]));
		const changed = account(sim, body([block(`${big}.`, true)]));
		expect(changed.usage.cache_read_input_tokens).toBe(0);
		const otherModel = account(sim, body([block(big, true)], [], 'claude-other'));
		expect(otherModel.usage.cache_read_input_tokens).toBe(0);
	});

	it('moving a breakpoint forward reads the old one and writes only the new part', () => {
		const sim = simulator();
		const turn1 = [block('first question', true)];
		account(sim, body([block(big)], [turn1]));
		const turn2 = body(
			[block(big)],
			[[block('first question')], [block('an answer')], [block('second question', true)]]
		);
		const second = account(sim, turn2);
		const firstPrefix = bigTokens + counter.count('first question');
		expect(second.usage.cache_read_input_tokens).toBe(firstPrefix);
		expect(second.usage.cache_creation_input_tokens).toBe(
			counter.count('an answer') + counter.count('second question')
		);
		expect(second.usage.input_tokens).toBe(0);
	});

	it('looks back at most 20 blocks from a breakpoint', () => {
		const sim = simulator();
		const blocks = (count: number) =>
			Array.from({ length: count }, (_, i) => block(`tool output ${i}`));
		// An entry at the end of the system prompt (block 0).
		account(sim, body([block(big, true)]));

		// 20 blocks after it, then a breakpoint: block 20 is 20 back from 0 → found.
		const within = account(sim, body([block(big)], [[...blocks(19), block('end', true)]]));
		expect(within.readThrough).toBe(0);
		expect(within.usage.cache_read_input_tokens).toBe(bigTokens);

		// 21 blocks after it: the entry is out of reach, everything is written again.
		const fresh = simulator();
		account(fresh, body([block(big, true)]));
		const beyond = account(fresh, body([block(big)], [[...blocks(20), block('end', true)]]));
		expect(beyond.readThrough).toBe(-1);
		expect(beyond.usage.cache_read_input_tokens).toBe(0);
		expect(beyond.usage.cache_creation_input_tokens).toBe(beyond.totalInputTokens);
	});

	it('does not cache a prefix under the minimum', () => {
		const sim = simulator({ minimumTokens: 1024 });
		const small = body([block(filler('s', 300), true)]);
		const first = account(sim, small);
		expect(first.usage.cache_creation_input_tokens).toBe(0);
		expect(first.written).toEqual([]);
		const second = account(sim, small);
		expect(second.usage.cache_read_input_tokens).toBe(0);
		expect(second.usage.input_tokens).toBe(second.totalInputTokens);
	});

	it('expires entries 5 minutes after their last use, and a hit refreshes them', () => {
		const clock = new SimClock();
		const sim = simulator({ clock, stepMs: 0 });
		const request = body([block(big, true)]);
		account(sim, request);
		// 4 minutes later: a hit, which restarts the 5 minutes.
		expect(account(sim, request, 4 * 60_000).usage.cache_read_input_tokens).toBe(bigTokens);
		// 4 more minutes (8 after the write): still alive thanks to the refresh.
		expect(account(sim, request, 4 * 60_000).usage.cache_read_input_tokens).toBe(bigTokens);
		// 5 minutes without use: gone, written again.
		const expired = account(sim, request, 5 * 60_000);
		expect(expired.usage.cache_read_input_tokens).toBe(0);
		expect(expired.usage.cache_creation_input_tokens).toBe(bigTokens);
		expect(clock.now()).toBe(13 * 60_000);
	});

	it('keeps a ttl "1h" entry past 5 minutes', () => {
		const sim = simulator({ stepMs: 0 });
		const request = body([block(big, true, '1h')]);
		account(sim, request);
		expect(account(sim, request, 30 * 60_000).usage.cache_read_input_tokens).toBe(bigTokens);
		expect(account(sim, request, 61 * 60_000).usage.cache_read_input_tokens).toBe(0);
	});

	it('advances the clock by the step on every request', () => {
		const clock = new SimClock(1_000);
		const sim = simulator({ clock, stepMs: 10_000 });
		account(sim, body([block('x')]));
		account(sim, body([block('x')]), 5_000);
		expect(clock.now()).toBe(1_000 + 10_000 + 15_000);
	});

	it('refuses more than 4 breakpoints like the API', () => {
		const sim = simulator();
		const five = body([1, 2, 3, 4, 5].map((i) => block(`block ${i}`, true)));
		const outcome = sim.process(five);
		expect(outcome).toMatchObject({ ok: false, status: 400, errorType: 'invalid_request_error' });
		expect(!outcome.ok && outcome.message).toContain('Found 5');
		expect(sim.history()).toHaveLength(0);
		expect(sim.process(body([1, 2, 3, 4].map((i) => block(`block ${i}`, true)))).ok).toBe(true);
	});

	it('orders the prefix tools → system → messages: a changed tool misses everything after', () => {
		const sim = simulator();
		const tool = (description: string) => ({
			name: 'read',
			description,
			input_schema: { type: 'object' }
		});
		const request = (description: string) => ({
			...body([block(big, true)]),
			tools: [tool(description)]
		});
		account(sim, request('Reads a file.'));
		expect(account(sim, request('Reads a file.')).usage.cache_read_input_tokens).toBeGreaterThan(
			bigTokens
		);
		expect(account(sim, request('Reads one file.')).usage.cache_read_input_tokens).toBe(0);
	});

	it('refuses a prompt larger than the context window', () => {
		const sim = simulator({ contextWindow: 1000 });
		const outcome = sim.process(body([block(big)]));
		expect(outcome.ok).toBe(false);
		expect(!outcome.ok && outcome.message).toMatch(/prompt is too long/);
	});
});
