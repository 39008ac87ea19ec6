import { beforeAll, describe, expect, it } from 'vitest';
import {
	cacheReadShare,
	contextThresholds,
	costOf,
	countTokens,
	loadModelCatalog,
	loadTokenizer,
	modelInfo,
	sessionTotals,
	tokenizerReady,
	type SessionEvent
} from '../../../src/lib/agent';
import type { Usage } from '../../../src/lib/providers';

beforeAll(async () => {
	expect(await loadTokenizer()).toBe(true);
	// Prices come from the catalog, which loads on demand.
	expect(await loadModelCatalog()).toBe(true);
});

const step = (model: string, usage: Usage): SessionEvent => ({
	type: 'assistant-step',
	id: 's',
	at: 0,
	step: 1,
	model,
	stopReason: 'end_turn',
	usage,
	message: { role: 'assistant', content: [{ type: 'text', text: 'ok' }] }
});

describe('usage and cost', () => {
	const usage: Usage = {
		inputTokens: 1_000,
		cacheWriteTokens: 2_000,
		cacheReadTokens: 7_000,
		outputTokens: 500
	};

	it('prices input, cache writes (1.25×), cache reads (0.1×) and output', () => {
		// Sonnet: $3 in, $15 out per million.
		const expected = (1_000 * 3 + 2_000 * 3.75 + 7_000 * 0.3 + 500 * 15) / 1_000_000;
		expect(costOf(usage, modelInfo('claude-sonnet-4-5'))).toBeCloseTo(expected, 12);
		expect(cacheReadShare(usage)).toBeCloseTo(0.7, 12);
		expect(
			cacheReadShare({ ...usage, inputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 })
		).toBe(0);
	});

	it('sums a session’s steps and compactions, each priced by its own model', () => {
		const events: SessionEvent[] = [
			step('claude-sonnet-4-5', usage),
			step('claude-haiku-4-5', usage),
			{
				type: 'compaction',
				at: 0,
				summary: 's',
				tokensBefore: 10,
				tokensAfter: 5,
				usage,
				model: 'claude-sonnet-4-5'
			},
			{ type: 'turn-end', at: 0, reason: 'completed', usage }
		];
		const totals = sessionTotals(events);
		expect(totals).toMatchObject({
			inputTokens: 3_000,
			cacheWriteTokens: 6_000,
			cacheReadTokens: 21_000,
			outputTokens: 1_500,
			costKnown: true
		});
		expect(totals.cacheReadShare).toBeCloseTo(0.7, 12);
		const sonnet = costOf(usage, modelInfo('claude-sonnet-4-5'));
		const haiku = costOf(usage, modelInfo('claude-haiku-4-5'));
		expect(totals.costUsd).toBeCloseTo(2 * sonnet + haiku, 12);
		expect(sessionTotals([step('my-local-model', usage)]).costKnown).toBe(false);
	});
});

describe('token estimates and thresholds', () => {
	it('counts with a real tokenizer, special tokens as plain text', () => {
		expect(tokenizerReady()).toBe(true);
		expect(countTokens('')).toBe(0);
		expect(countTokens('hello world')).toBe(2);
		expect(countTokens('a <|endoftext|> b')).toBeGreaterThan(3);
		const code = 'export function add(a: number, b: number) {\n\treturn a + b;\n}\n'.repeat(50);
		const tokens = countTokens(code);
		expect(tokens).toBeGreaterThan(code.length / 8);
		expect(tokens).toBeLessThan(code.length / 2);
		expect(countTokens(code)).toBe(tokens);
	});

	it('clears at half the window and compacts before the output reserve runs out', () => {
		expect(contextThresholds(200_000, 8_192)).toEqual({ clearAt: 100_000, compactAt: 171_808 });
		// A tiny window never clears later than it compacts.
		expect(contextThresholds(10_000, 8_000)).toEqual({ clearAt: 1_000, compactAt: 1_000 });
	});
});

describe('sessionTotals with subagents', () => {
	it('counts the tokens of subagents reported by task results', () => {
		const usage = { inputTokens: 100, outputTokens: 10, cacheReadTokens: 900, cacheWriteTokens: 0 };
		const events: SessionEvent[] = [
			{
				type: 'assistant-step',
				id: 'a',
				at: 1,
				step: 1,
				message: { role: 'assistant', content: [] },
				stopReason: 'tool_use',
				usage,
				model: 'claude-sonnet-4-5'
			},
			{
				type: 'tool-result',
				at: 2,
				toolCallId: 't',
				name: 'task',
				ok: true,
				output: 'report',
				durationMs: 5,
				metadata: {
					subagent: {
						id: 't',
						agent: 'explore',
						description: 'd',
						reason: 'completed',
						steps: 2,
						model: 'claude-sonnet-4-5',
						usage
					}
				}
			}
		];
		const totals = sessionTotals(events);
		expect(totals.inputTokens).toBe(200);
		expect(totals.cacheReadTokens).toBe(1800);
		expect(totals.outputTokens).toBe(20);
	});
});
