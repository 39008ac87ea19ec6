import { beforeAll, describe, expect, it } from 'vitest';
import { loadModelCatalog, modelInfo } from '../../../../src/lib/agent/context';
import type { RequestSnapshot, SessionEvent } from '../../../../src/lib/agent/types';
import {
	contextFill,
	formatContextStatus,
	inspectRequests,
	requestJson,
	requestLine
} from '../../../../src/lib/components/context';
import { contextStatusFromLive, contextStatusFromLog } from '../../../../src/lib/state/chat';

const MODEL = 'claude-sonnet-4-5';

// Windows and prices come from the catalog, which loads on demand.
beforeAll(async () => {
	expect(await loadModelCatalog()).toBe(true);
});
const snapshot = (estimate: number, kind: RequestSnapshot['kind'] = 'step'): RequestSnapshot => ({
	layers: [
		{ name: 'tools', tokens: 4000, blocks: 9, breakpoint: true },
		{ name: 'system', tokens: 1000, blocks: 1, breakpoint: true },
		{ name: 'session', tokens: 1000, blocks: 1, breakpoint: false },
		{ name: 'messages', tokens: estimate - 6000, blocks: 5, breakpoint: true }
	],
	breakpoints: 4,
	estimatedInputTokens: estimate,
	model: MODEL,
	maxTokens: 8192,
	kind,
	toolNames: ['read']
});
const start: SessionEvent = {
	type: 'session-start',
	at: 1,
	provider: 'anthropic',
	model: MODEL,
	runtime: 'browser'
};
const request = (at: number, estimate: number, step = 1): SessionEvent => ({
	type: 'request',
	at,
	step,
	snapshot: snapshot(estimate)
});
const answer = (
	at: number,
	input: number,
	read: number,
	write: number,
	output: number
): SessionEvent => ({
	type: 'assistant-step',
	id: `s${at}`,
	at,
	step: 1,
	message: { role: 'assistant', content: [{ type: 'text', text: 'ok' }] },
	stopReason: 'end_turn',
	usage: {
		inputTokens: input,
		cacheReadTokens: read,
		cacheWriteTokens: write,
		outputTokens: output
	},
	model: MODEL
});
const user = (at: number): SessionEvent => ({ type: 'user-message', id: `u${at}`, at, text: 'hi' });

describe('context status from a stored log', () => {
	it('is null before the session asked the model anything', () => {
		expect(contextStatusFromLog([])).toBeNull();
		expect(contextStatusFromLog([start, user(2)])).toBeNull();
	});

	it('uses the newest answer for the context, and the whole session for cache share and cost', () => {
		const events = [
			start,
			user(2),
			request(3, 9000),
			answer(4, 1000, 0, 8000, 200),
			request(5, 9500),
			answer(6, 500, 9000, 0, 300)
		];
		const status = contextStatusFromLog(events)!;
		expect(status.used).toBe(500 + 9000 + 300);
		expect(status.window).toBe(200_000);
		// read / (input + write + read) over both answers.
		expect(status.cacheReadShare).toBeCloseTo(9000 / (1500 + 8000 + 9000));
		// Sonnet: $3 input, $3.75 write, $0.30 read, $15 output per million.
		const cost = (1500 * 3 + 8000 * 3.75 + 9000 * 0.3 + 500 * 15) / 1e6;
		expect(status.costUsd).toBeCloseTo(cost, 8);
		expect(status.costKnown).toBe(true);
	});

	it('after a compaction, counts the compacted size; a request left unanswered counts its estimate', () => {
		const compacted: SessionEvent = {
			type: 'compaction',
			at: 7,
			summary: 's',
			tokensBefore: 150_000,
			tokensAfter: 18_000,
			model: MODEL,
			usage: { inputTokens: 100, cacheReadTokens: 140_000, cacheWriteTokens: 0, outputTokens: 900 }
		};
		const base = [start, user(2), request(3, 150_000), answer(4, 10, 149_000, 0, 100)];
		expect(contextStatusFromLog([...base, compacted])!.used).toBe(18_000);
		expect(contextStatusFromLog([...base, compacted, user(8), request(9, 21_000)])!.used).toBe(
			21_000
		);
	});

	it('says the cost is unknown for a model without prices', () => {
		const local = { ...answer(4, 100, 0, 0, 10), model: 'qwen-local' } as SessionEvent;
		const status = contextStatusFromLog([{ ...start, model: 'qwen-local' }, user(2), local])!;
		expect(status.costKnown).toBe(false);
		expect(status.window).toBe(modelInfo('qwen-local').contextWindow);
		expect(formatContextStatus(status)).toMatch(/cost unknown$/);
	});

	it('takes the live status as the agent reports it', () => {
		const status = contextStatusFromLive(
			{
				type: 'context-status',
				used: 42_000,
				window: 200_000,
				cacheReadShare: 0.912,
				costUsd: 0.8412
			},
			MODEL
		);
		expect(formatContextStatus(status)).toBe('42k / 200k · 91% cached · $0.84');
		expect(contextFill(status)).toBeCloseTo(0.21);
		expect(formatContextStatus(null)).toBe('No requests yet');
	});
});

describe('context inspector model', () => {
	it('lists every request with its turn, layers, breakpoints, cache use and cost', () => {
		const events = [
			start,
			user(2),
			request(3, 10_000),
			answer(4, 1000, 0, 9000, 200),
			user(5),
			request(6, 12_000),
			answer(7, 200, 11_000, 800, 100),
			request(8, 13_000, 2)
		];
		const requests = inspectRequests(events);
		expect(requests.map((r) => [r.index, r.title])).toEqual([
			[2, 'Turn 1, step 1'],
			[5, 'Turn 2, step 1'],
			[7, 'Turn 2, step 2']
		]);
		const second = requests[1]!;
		expect(second.layers.map((l) => [l.label, l.tokens, l.breakpoint])).toEqual([
			['Tools', 4000, true],
			['System prompt', 1000, true],
			['Session context', 1000, false],
			['Messages', 6000, true]
		]);
		expect(second.layers[0]!.share).toBeCloseTo(4000 / 12_000);
		expect(second.cache).toMatchObject({
			read: 11_000,
			written: 800,
			uncached: 200,
			output: 100,
			input: 12_000
		});
		expect(second.cache!.readShare).toBeCloseTo(11_000 / 12_000);
		expect(second.cache!.costUsd).toBeCloseTo(
			(200 * 3 + 800 * 3.75 + 11_000 * 0.3 + 100 * 15) / 1e6,
			8
		);
		expect(requestLine(second)).toBe('Turn 2, step 1 · 12k tokens · 92% cached');
		// The newest request has no answer stored yet.
		expect(requests[2]!.cache).toBeUndefined();
		expect(requestLine(requests[2]!)).toBe('Turn 2, step 2 · 13k tokens · no answer stored');
	});

	it('names a compaction request as such', () => {
		const events: SessionEvent[] = [
			start,
			user(2),
			{
				type: 'request',
				at: 3,
				step: 0,
				snapshot: { ...snapshot(50_000, 'compaction'), focus: 'tests' }
			}
		];
		const [only] = inspectRequests(events);
		expect(only).toMatchObject({
			title: 'Compaction (after turn 1)',
			kind: 'compaction',
			focus: 'tests'
		});
	});

	it('shows the request JSON without its abort signal', () => {
		const json = requestJson({ model: 'm', signal: new AbortController().signal, messages: [] });
		expect(JSON.parse(json)).toEqual({ model: 'm', messages: [] });
	});
});
