import { beforeAll, describe, expect, it, vi } from 'vitest';
import {
	buildRequest,
	countedTexts,
	countTokens,
	knownTokenCount,
	loadTokenizer,
	snapshotRequest,
	warmSessionTokenCounts,
	type SessionEvent
} from '../../../src/lib/agent';
import { TOOL_NAMES, toolDefinitions } from '../../../src/lib/tools';

beforeAll(async () => {
	expect(await loadTokenizer()).toBe(true);
});

const usage = { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 };

/** A session of `turns` turns, each a question, a read, its result and an answer; `tag` keeps texts unique. */
function session(turns: number, tag: string): SessionEvent[] {
	const events: SessionEvent[] = [
		{
			type: 'session-start',
			at: 0,
			provider: 'anthropic',
			model: 'm',
			runtime: 'browser',
			environment: `ENV ${tag}`,
			sessionContext: `MEMORY AND MAP ${tag}`
		}
	];
	for (let turn = 0; turn < turns; turn++) {
		const id = `${tag}-${turn}`;
		events.push(
			{ type: 'user-message', id: `u-${id}`, at: 0, text: `Question ${id}: what is in f${turn}?` },
			{
				type: 'assistant-step',
				id: `s-${id}`,
				at: 0,
				step: 1,
				model: 'm',
				stopReason: 'tool_use',
				usage,
				message: {
					role: 'assistant',
					content: [
						{ type: 'tool_call', id: `c-${id}`, name: 'read', input: { path: `f${id}.ts` } }
					]
				}
			},
			{
				type: 'tool-result',
				at: 0,
				toolCallId: `c-${id}`,
				name: 'read',
				ok: true,
				output: `1\texport const value${turn} = '${id}';`,
				durationMs: 0
			},
			{
				type: 'assistant-step',
				id: `a-${id}`,
				at: 0,
				step: 2,
				model: 'm',
				stopReason: 'end_turn',
				usage,
				message: { role: 'assistant', content: [{ type: 'text', text: `f${turn} holds ${id}.` }] }
			}
		);
	}
	return events;
}

const requestOver = (events: SessionEvent[]) =>
	buildRequest({ model: 'm', events, tools: toolDefinitions(), maxTokens: 100 });

describe('warming token counts of an opened session', () => {
	it('lists every text the snapshot counts: tools, system, messages, calls and results', () => {
		const request = requestOver(session(1, 'list'));
		const texts = [...countedTexts(request)];
		expect(texts).toContain('Question list-0: what is in f0?');
		expect(texts).toContain(JSON.stringify({ path: 'flist-0.ts' }));
		expect(texts.some((text) => text.includes("export const value0 = 'list-0';"))).toBe(true);
		expect(texts).toContain('f0 holds list-0.');
		expect(texts.some((text) => text.includes('MEMORY AND MAP list'))).toBe(true);
		for (const tool of request.tools) expect(texts).toContain(tool.description);
	});

	it('remembers the count of every text the next request will hold, as countTokens counts it', async () => {
		const events = session(200, 'warm');
		const request = requestOver(events);
		const texts = [...countedTexts(request)].filter((text) => text !== '');
		const question = 'Question warm-123: what is in f123?';
		expect(texts).toContain(question);
		expect(knownTokenCount(question)).toBeUndefined();

		await warmSessionTokenCounts(events);

		for (const text of texts) expect(knownTokenCount(text)).toBe(countTokens(text));
		// The snapshot over the warmed request is the same as one counted from nothing.
		const estimate = snapshotRequest(request, { kind: 'step' }).estimatedInputTokens;
		expect(estimate).toBeGreaterThan(200 * 20);
	});

	it('stops when its signal aborts: a session opened after it is not counted', async () => {
		const events = session(50, 'aborted');
		const controller = new AbortController();
		controller.abort();
		await warmSessionTokenCounts(events, controller.signal);
		const question = 'Question aborted-7: what is in f7?';
		expect(knownTokenCount(question)).toBeUndefined();
	});

	it('builds the tools’ definitions one per idle period before it counts anything', async () => {
		const idle: (() => void)[] = [];
		vi.stubGlobal('requestIdleCallback', (task: () => void) => idle.push(task));
		try {
			const events = session(1, 'tools-first');
			const question = 'Question tools-first-0: what is in f0?';
			let done = false;
			const warming = warmSessionTokenCounts(events).then(() => (done = true));
			let periods = 0;
			while (!done) {
				await vi.waitFor(() => expect(idle.length > 0 || done).toBe(true));
				if (done) break;
				if (periods < TOOL_NAMES.length) expect(knownTokenCount(question)).toBeUndefined();
				idle.shift()!();
				periods++;
			}
			await warming;
			expect(periods).toBeGreaterThanOrEqual(TOOL_NAMES.length);
			expect(knownTokenCount(question)).toBe(countTokens(question));
		} finally {
			vi.unstubAllGlobals();
		}
	});
});
