import { describe, expect, it } from 'vitest';
import {
	FALL_RATE,
	MAX_RATIO,
	MIN_SAMPLE_TOKENS,
	parseOverflow,
	TokenCalibration
} from '../../../../src/lib/agent/context/calibration';
import type { RequestSnapshot, SessionEvent } from '../../../../src/lib/agent';
import { ProviderError } from '../../../../src/lib/providers';
import { classifyHttpFailure } from '../../../../src/lib/providers/errors';

const usage = (input: number, write = 0, read = 0) => ({
	inputTokens: input,
	outputTokens: 50,
	cacheWriteTokens: write,
	cacheReadTokens: read
});

function snapshot(model: string, estimatedInputTokens: number): RequestSnapshot {
	return {
		layers: [],
		breakpoints: 0,
		estimatedInputTokens,
		model,
		maxTokens: 1000,
		kind: 'step',
		toolNames: []
	};
}

describe('token calibration', () => {
	it('starts at 1 and takes the first sample as it is', () => {
		const calibration = new TokenCalibration();
		expect(calibration.ratio('m')).toBe(1);
		expect(calibration.knows('m')).toBe(false);
		calibration.observe('m', 10_000, 13_000);
		expect(calibration.ratio('m')).toBeCloseTo(1.3);
		expect(calibration.scale('m', 1_000)).toBe(1_300);
		expect(calibration.knows('m')).toBe(true);
		// Per model: another model is still unknown.
		expect(calibration.ratio('other')).toBe(1);
	});

	it('rises at once to a higher sample and falls slowly to a lower one', () => {
		const calibration = new TokenCalibration();
		calibration.observe('m', 10_000, 12_000);
		calibration.observe('m', 10_000, 15_000);
		expect(calibration.ratio('m')).toBeCloseTo(1.5);
		calibration.observe('m', 10_000, 11_000);
		expect(calibration.ratio('m')).toBeCloseTo(1.5 + FALL_RATE * (1.1 - 1.5));
		// Repeated low samples converge on them.
		for (let i = 0; i < 40; i++) calibration.observe('m', 10_000, 11_000);
		expect(calibration.ratio('m')).toBeCloseTo(1.1, 3);
	});

	it('never goes below 1 nor above the cap', () => {
		const calibration = new TokenCalibration();
		calibration.observe('low', 10_000, 7_000);
		expect(calibration.ratio('low')).toBe(1);
		calibration.observe('high', 1_000, 50_000);
		expect(calibration.ratio('high')).toBe(MAX_RATIO);
	});

	it('ignores samples too small to tell and answers without a count', () => {
		const calibration = new TokenCalibration();
		calibration.observe('m', MIN_SAMPLE_TOKENS - 1, 2_000);
		calibration.observe('m', 10_000, 0);
		calibration.observe('m', 10_000, Number.NaN);
		expect(calibration.knows('m')).toBe(false);
		expect(calibration.ratio('m')).toBe(1);
	});

	it('is rebuilt from a log: each request with the usage that answered it', () => {
		const events: SessionEvent[] = [
			{ type: 'request', at: 1, step: 1, snapshot: snapshot('m', 10_000) },
			{
				type: 'assistant-step',
				id: 'a',
				at: 2,
				step: 1,
				message: { role: 'assistant', content: [{ type: 'text', text: 'hi' }] },
				stopReason: 'end_turn',
				// input + cache write + cache read: 12,500 of 10,000 estimated.
				usage: usage(500, 2_000, 10_000),
				model: 'm'
			},
			// Refused or cut: no usage follows, so it teaches nothing.
			{ type: 'request', at: 3, step: 2, snapshot: snapshot('m', 50_000) },
			{
				type: 'turn-end',
				at: 4,
				reason: 'error',
				usage: usage(0)
			},
			{
				type: 'request',
				at: 5,
				step: 0,
				snapshot: { ...snapshot('n', 4_000), kind: 'compaction' }
			},
			{
				type: 'compaction',
				at: 6,
				summary: 's',
				tokensBefore: 4_000,
				tokensAfter: 1_000,
				usage: usage(8_000),
				model: 'n'
			}
		];
		const calibration = TokenCalibration.fromEvents(events);
		expect(calibration.ratio('m')).toBeCloseTo(1.25);
		expect(calibration.ratio('n')).toBeCloseTo(2);
	});
});

describe('parseOverflow', () => {
	it('reads Anthropic’s and OpenAI’s refusals, raw or inside Kiln’s message', () => {
		expect(parseOverflow('prompt is too long: 215000 tokens > 200000 maximum')).toEqual({
			tokens: 215_000,
			limit: 200_000
		});
		expect(
			parseOverflow(
				"This model's maximum context length is 128000 tokens. However, your messages resulted in 135,000 tokens."
			)
		).toEqual({ tokens: 135_000, limit: 128_000 });
		expect(
			parseOverflow(
				"This model's maximum context length is 4096 tokens. However, you requested 5000 tokens (4000 in the messages, 1000 in the completion)."
			)
		).toEqual({ tokens: 4_000, limit: 4_096 });
		const error = classifyHttpFailure(
			{
				status: 400,
				type: 'invalid_request_error',
				apiMessage: 'prompt is too long: 31200 tokens > 30000 maximum'
			},
			'anthropic'
		);
		expect(error).toBeInstanceOf(ProviderError);
		expect(error.kind).toBe('context_overflow');
		expect(parseOverflow(error.message)).toEqual({ tokens: 31_200, limit: 30_000 });
		expect(parseOverflow('The conversation is too long.')).toBeUndefined();
	});
});
