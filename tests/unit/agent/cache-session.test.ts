/**
 * Whole sessions against the scripted model server, checking the prompt-cache contract on the
 * request bodies as the server received them: the bytes before each breakpoint stay identical
 * from one request to the next (across reminders, mode switches, clearing and compaction), and
 * rebuildRequest reproduces every request exactly.
 */
import { describe, expect, it } from 'vitest';
import {
	rebuildRequest,
	type LiveEvent,
	type ModelInfo,
	type SessionEvent
} from '../../../src/lib/agent';
import { toAnthropicParams } from '../../../src/lib/providers/anthropic-request';
import { toOpenAIParams } from '../../../src/lib/providers/openai-request';
import type { ScriptInput } from '../../../tooling/mock-model';
import {
	FORMATS,
	assertValidConversation,
	ofType,
	transcript,
	useAgentHarness,
	type AgentHarness,
	type Format,
	notes,
	sourceFile
} from './harness';
import {
	anthropicBlocks,
	breakpoints,
	commonPrefix,
	readableBreakpoints,
	sessionBreakpoint
} from './wire-prefix';

type Json = Record<string, unknown>;
type Turn = Extract<ScriptInput, unknown[]>[number];

/** Steps of the long session: enough to clear, then compact, then go on. */
const READS = 22;

const SMALL_MODEL: ModelInfo = {
	id: 'mock-model',
	contextWindow: 30_000,
	maxOutputTokens: 4_096,
	prices: { input: 3, output: 15, cacheWrite: 3.75, cacheRead: 0.3 },
	known: true
};

const read = (path: string, text?: string): Turn => ({
	...(text ? { text } : {}),
	toolCalls: [{ name: 'read', input: { path } }],
	chunkSize: 100_000
});

/** Every pair of consecutive Anthropic bodies keeps all breakpoints of the first readable. */
function expectPrefixKept(previous: Json, next: Json, label: string): void {
	const before = anthropicBlocks(previous);
	const after = anthropicBlocks(next);
	expect(readableBreakpoints(before, after), label).toEqual(breakpoints(before));
}

/** What the provider sends for a rebuilt request, as JSON the server would have parsed. */
function wire(format: Format, events: readonly SessionEvent[], index: number): Json {
	const request = rebuildRequest(events, index);
	const params =
		format === 'anthropic' ? toAnthropicParams(request) : toOpenAIParams(request, format);
	return JSON.parse(JSON.stringify(params)) as Json;
}

function expectRebuiltAsSent(format: Format, h: AgentHarness): void {
	const events = h.log.events;
	const indexes = events.flatMap((event, index) => (event.type === 'request' ? [index] : []));
	const bodies = h.bodies();
	expect(indexes.length).toBe(bodies.length);
	indexes.forEach((index, n) => {
		expect(wire(format, events, index), `request ${n}`).toEqual(bodies[n]);
	});
}

describe.each(FORMATS)('cache-first requests (%s)', (format) => {
	const setup = useAgentHarness();
	const files = {
		'a.txt': sourceFile('a', 40),
		'b.txt': sourceFile('b', 40),
		'c.txt': sourceFile('c', 40)
	};
	const usage = {
		inputTokens: 100,
		cacheCreationInputTokens: 0,
		cacheReadInputTokens: 900,
		outputTokens: 10
	};

	it('keeps every breakpoint’s prefix across steps, turns, mode switches and reminders', async () => {
		const script: Turn[] = [
			{ ...read('a.txt'), usage },
			{ toolCalls: [{ name: 'grep', input: { pattern: 'Value1' } }], usage },
			{ ...read('b.txt'), usage },
			{ text: 'Plan: 1. change b.txt', usage },
			{ ...read('c.txt'), usage },
			{ text: 'Done.', usage }
		];
		let edits: string | undefined = undefined;
		const h = await setup(format, script, {
			files,
			agent: { modelInfo: SMALL_MODEL, userEdits: async () => edits }
		});
		let running = 0;
		const onEvent = (event: LiveEvent) => {
			// Plan mode switched on while the grep runs, mid-turn.
			if (event.type === 'tool-running' && ++running === 2) void h.agent.setMode('plan');
		};
		expect((await h.run('Look around', { onEvent })).reason).toBe('completed');
		expect(h.agent.mode).toBe('plan');
		await h.agent.setMode('auto');
		edits =
			'<system-reminder>\nThe person edited a.txt:\n@@ -1 +1 @@\n-old\n+new\n</system-reminder>';
		expect((await h.run('Go ahead')).reason).toBe('completed');

		const bodies = h.bodies();
		expect(bodies).toHaveLength(6);
		for (const body of bodies) assertValidConversation(format, body);
		const lines = bodies.map((body) => transcript(format, body));
		// Request 3 is the first to carry the grep's result: the plan-mode reminder rides with it.
		expect(lines[2]!.at(-1)).toMatch(/Plan mode is on/);
		expect(lines[1]!.join('\n')).not.toMatch(/Plan mode/);
		// The second turn's message: mode off, the person's edits, then their text.
		const secondTurn = lines[4]!
			.slice(lines[4]!.findLastIndex((line) => line.startsWith('assistant')))
			.join('\n');
		const order = ['Plan mode is off', 'The person edited a.txt', 'Go ahead'].map((text) =>
			secondTurn.indexOf(text)
		);
		expect(order[0]).toBeGreaterThan(0);
		expect(order).toEqual([...order].sort((a, b) => a - b));
		expect(lines[3]!.join('\n')).not.toContain('Plan mode is off');
		expect(ofType(h.log.events, 'mode-change').map((event) => event.mode)).toEqual([
			'plan',
			'auto'
		]);

		if (format === 'anthropic') {
			// System, session context, and the two newest user messages (the first has one).
			expect(bodies.map((body) => breakpoints(anthropicBlocks(body)).length)).toEqual([
				3, 4, 4, 4, 4, 4
			]);
			for (let i = 1; i < bodies.length; i++) {
				expectPrefixKept(bodies[i - 1]!, bodies[i]!, `request ${i} → ${i + 1}`);
				// The previous request's newest breakpoint is marked again: no lookback needed.
				const before = anthropicBlocks(bodies[i - 1]!);
				const after = anthropicBlocks(bodies[i]!);
				expect(after[breakpoints(before).at(-1)!]!.marked).toBe(true);
			}
		} else {
			// OpenAI-style caches are prefix caches: each request extends the one before.
			for (let i = 1; i < bodies.length; i++) {
				const before = bodies[i - 1]!.messages as Json[];
				const after = bodies[i]!.messages as Json[];
				expect(after.slice(0, before.length), `request ${i + 1}`).toEqual(before);
				expect(bodies[i]!.tools).toEqual(bodies[0]!.tools);
			}
		}
		expectRebuiltAsSent(format, h);

		// Context status after every step, from the usage the API reported.
		const statuses = h.live.filter((event) => event.type === 'context-status');
		expect(statuses).toHaveLength(6);
		const last = statuses.at(-1)!;
		expect(last).toMatchObject({ window: 30_000 });
		expect(last.type === 'context-status' && last.cacheReadShare).toBeCloseTo(0.9, 5);
		expect(last.type === 'context-status' && last.costUsd).toBeCloseTo(
			(6 * (100 * 3 + 900 * 0.3 + 10 * 15)) / 1_000_000,
			9
		);
	});

	it('clears old results, then compacts from the cached prefix, and the session carries on', async () => {
		const many: Record<string, string> = {};
		for (let i = 1; i <= READS; i++) many[`src/f${i}.ts`] = sourceFile(`f${i}`, 50);
		const summary =
			'## Intent\nRead every file.\n## Decisions\nNone.\n## Files\nsrc/f1.ts … src/f14.ts read.\n## Errors and fixes\nNone.\n## Pending work\nRead the rest.\n## Current state\nReading files.';
		const script: Turn[] = [
			{
				label: 'the summary',
				match: { lastUserMessageIncludes: 'replaced by a summary to free context' },
				text: summary,
				chunkSize: 100_000
			}
		];
		for (let i = 1; i <= READS; i++) script.push(read(`src/f${i}.ts`, notes(i)));
		script.push({ text: 'All files read.' });

		const h = await setup(format, script, {
			files: many,
			agent: {
				modelInfo: SMALL_MODEL,
				maxTokens: 1_000,
				contextPolicy: { keepRecentResults: 2 },
				projectMemory: async () => 'Use tabs. Run npm test before finishing.'
			}
		});
		const result = await h.run('Read every file in src, one by one');
		expect(result.error).toBeUndefined();
		expect(result.reason).toBe('completed');

		const events = h.log.events;
		const clearedAt = events.findIndex((event) => event.type === 'context-cleared');
		const compactedAt = events.findIndex((event) => event.type === 'compaction');
		expect(clearedAt).toBeGreaterThan(0);
		expect(compactedAt).toBeGreaterThan(clearedAt);
		const compaction = ofType(events, 'compaction')[0]!;
		expect(compaction).toMatchObject({ summary, manual: false });
		expect(compaction.tokensAfter).toBeLessThan(compaction.tokensBefore / 2);
		// The turn went on after the compaction, to the script's end.
		expect(new Set(h.turns())).toEqual(new Set(script.map((_, index) => index)));
		expect(ofType(events, 'assistant-step').at(-1)!.message.content).toEqual([
			{ type: 'text', text: 'All files read.' }
		]);

		const requests = ofType(events, 'request');
		// 50% of the window; window − 1,000 (output) − 10% of the window.
		const { clearAt, compactAt } = { clearAt: 15_000, compactAt: 26_000 };
		for (const request of requests) {
			expect(request.snapshot.estimatedInputTokens).toBeLessThan(SMALL_MODEL.contextWindow);
			expect(request.snapshot.breakpoints).toBeLessThanOrEqual(4);
		}
		// No step was sent past the compaction threshold, and the summary request left room for
		// its answer.
		for (const request of requests) {
			const size = request.snapshot.estimatedInputTokens;
			if (request.snapshot.kind === 'step') expect(size).toBeLessThanOrEqual(compactAt);
			else expect(size + 1_000).toBeLessThanOrEqual(SMALL_MODEL.contextWindow);
		}
		expect(requests.some((request) => request.snapshot.estimatedInputTokens > clearAt)).toBe(true);
		// Clearing comes in batches that pay for their cache rewrite, not a result per step.
		const clearings = ofType(events, 'context-cleared');
		expect(clearings.length).toBeLessThanOrEqual(3);
		for (const clearing of clearings) expect(clearing.tokensFreed).toBeGreaterThan(3_000);

		const bodies = h.bodies();
		expect(bodies).toHaveLength(requests.length);
		for (const body of bodies) assertValidConversation(format, body);
		const kinds = requests.map((request) => request.snapshot.kind);
		const summaryIndex = kinds.indexOf('compaction');
		expect(kinds.filter((kind) => kind === 'compaction')).toHaveLength(1);
		const afterSummary = transcript(format, bodies[summaryIndex + 1]!).join('\n');
		expect(afterSummary).toContain('<summary>\n## Intent\nRead every file.');
		expect(afterSummary).toContain('Use tabs. Run npm test before finishing.');
		// The most recently read file, re-read and re-injected; the person's request too.
		const lastRead = `src/f${ofType(events.slice(0, compactedAt), 'tool-result').length}.ts`;
		expect(afterSummary).toContain(`## ${lastRead}`);
		expect(afterSummary).toContain('Read every file in src, one by one');
		expect(afterSummary).not.toContain('Note 1.0:');

		if (format === 'anthropic') {
			const blocks = bodies.map(anthropicBlocks);
			for (let i = 1; i < blocks.length; i++) {
				const before = blocks[i - 1]!;
				const after = blocks[i]!;
				// The static system prompt and the session context are never rewritten.
				expect(readableBreakpoints(before, after)).toEqual(
					expect.arrayContaining([sessionBreakpoint(before) - 1, sessionBreakpoint(before)])
				);
				const event = requests[i]!;
				const between = events.slice(events.indexOf(requests[i - 1]!), events.indexOf(event));
				const cleared = ofType(between, 'context-cleared').length > 0;
				const compacted = ofType(between, 'compaction').length > 0;
				if (!cleared && !compacted) {
					expectPrefixKept(bodies[i - 1]!, bodies[i]!, `request ${i} → ${i + 1}`);
				} else {
					// Only what follows the first changed block differs; the breakpoints before it
					// still hit.
					const shared = commonPrefix(before, after);
					expect(readableBreakpoints(before, after)).toEqual(
						breakpoints(before).filter((position) => position < shared)
					);
				}
			}
			// The summary request reads the whole prefix the request before it cached.
			expectPrefixKept(bodies[summaryIndex - 1]!, bodies[summaryIndex]!, 'summary request');
			const instruction = anthropicBlocks(bodies[summaryIndex]!).at(-1)!;
			expect(instruction.key).toMatch(/Compaction: the conversation above/);
		} else {
			const before = bodies[summaryIndex - 1]!.messages as Json[];
			const summaryRequest = bodies[summaryIndex]!.messages as Json[];
			expect(summaryRequest.slice(0, before.length)).toEqual(before);
		}
		expectRebuiltAsSent(format, h);
	});

	it('tries a failed automatic compaction once per turn, not at every step', async () => {
		const many: Record<string, string> = {};
		for (let i = 1; i <= READS; i++) many[`src/f${i}.ts`] = sourceFile(`f${i}`, 50);
		const summaryRequest = { lastUserMessageIncludes: 'replaced by a summary to free context' };
		const script: Turn[] = [
			// The first summary request gets tool calls instead of a summary: the compaction fails.
			{ label: 'no summary', match: summaryRequest, toolCalls: [{ name: 'list', input: {} }] },
			{ label: 'the summary', match: summaryRequest, text: '## Intent\nRead every file.' }
		];
		for (let i = 1; i <= READS; i++) script.push(read(`src/f${i}.ts`, notes(i)));
		script.push({ text: 'All files read.' }, { text: 'Next turn.' });

		const h = await setup(format, script, {
			files: many,
			agent: { modelInfo: SMALL_MODEL, maxTokens: 1_000, contextPolicy: { keepRecentResults: 2 } }
		});
		expect((await h.run('Read every file in src, one by one')).reason).toBe('completed');
		const kinds = () => ofType(h.log.events, 'request').map((r) => r.snapshot.kind);
		expect(kinds().filter((kind) => kind === 'compaction')).toHaveLength(1);
		expect(ofType(h.log.events, 'compaction')).toHaveLength(0);

		// The next turn may try again, and this time the summary comes.
		expect((await h.run('Go on')).reason).toBe('completed');
		expect(kinds().filter((kind) => kind === 'compaction')).toHaveLength(2);
		expect(ofType(h.log.events, 'compaction')).toHaveLength(1);
	});

	it('compacts by hand with /compact FOCUS, then goes on from the summary', async () => {
		const script: Turn[] = [
			read('a.txt'),
			{ text: 'Read it.' },
			{
				match: { lastUserMessageIncludes: 'replaced by a summary to free context' },
				text: '## Intent\nLook at a.txt.'
			},
			{ text: 'Continuing.' }
		];
		const h = await setup(format, script, {
			files,
			agent: { modelInfo: SMALL_MODEL, projectMemory: async () => 'MEMORY' }
		});
		await expect(
			h.agent.compact(undefined, { signal: new AbortController().signal })
		).resolves.toMatchObject({
			reason: 'error',
			error: { kind: 'nothing-to-compact' }
		});
		await h.run('Look at a.txt');
		const compacting: LiveEvent[] = [];
		const result = await h.run('/compact the auth flow', { onEvent: (e) => compacting.push(e) });
		expect(result.reason).toBe('completed');
		expect(compacting.map((event) => event.type)).toEqual(
			expect.arrayContaining(['compacting', 'persisted', 'context-status'])
		);
		const [compaction] = ofType(h.log.events, 'compaction');
		expect(compaction).toMatchObject({
			summary: '## Intent\nLook at a.txt.',
			focus: 'the auth flow',
			manual: true
		});
		// No user message or turn for the command itself.
		expect(ofType(h.log.events, 'user-message').map((event) => event.text)).toEqual([
			'Look at a.txt'
		]);

		await h.run('Go on');
		const bodies = h.bodies();
		expect(bodies).toHaveLength(4);
		const summaryRequest = transcript(format, bodies[2]!).join('\n');
		expect(summaryRequest).toContain('focus on: the auth flow');
		if (format === 'anthropic') {
			expectPrefixKept(bodies[1]!, bodies[2]!, 'summary request');
		} else {
			const before = bodies[1]!.messages as Json[];
			expect((bodies[2]!.messages as Json[]).slice(0, before.length)).toEqual(before);
		}
		const next = transcript(format, bodies[3]!);
		expect(next.join('\n')).toContain('<summary>\n## Intent\nLook at a.txt.\n</summary>');
		expect(next.join('\n')).toContain('MEMORY');
		expect(next.at(-1)).toMatch(/Go on$/);
		// After a manual compaction the person's new message drives the turn.
		expect(next.join('\n')).not.toContain("The person's latest message");
		expectRebuiltAsSent(format, h);
	});

	it('freezes the session context at session start, after the environment', async () => {
		let calls = 0;
		const h = await setup(format, [{ text: 'one' }, { text: 'two' }], {
			agent: {
				sessionContext: async () => `# Project map\nsrc/ (call ${++calls})`
			}
		});
		await h.run('first');
		await h.run('second');
		expect(calls).toBe(1);
		const [start] = ofType(h.log.events, 'session-start');
		expect(start!.sessionContext).toBe('# Project map\nsrc/ (call 1)');
		const systems = h
			.bodies()
			.map((body) =>
				format === 'anthropic'
					? (body.system as Json[]).map((block) => block.text as string).join('\n\n')
					: ((body.messages as Json[])[0]!.content as string)
			);
		expect(systems[0]).toMatch(/# Environment[\s\S]*\n\n# Project map\nsrc\/ \(call 1\)$/);
		expect(systems[1]).toBe(systems[0]);
	});

	it('reports a compaction the model gave no summary for, and the session goes on', async () => {
		const h = await setup(format, [
			{ text: 'Hello.' },
			{ toolCalls: [{ name: 'list', input: {} }] },
			{ text: 'Still here.' }
		]);
		await h.run('Hi');
		const live: LiveEvent[] = [];
		const result = await h.run('/compact', { onEvent: (event) => live.push(event) });
		expect(result).toMatchObject({ reason: 'error', error: { kind: 'compaction' } });
		expect(live.map((event) => event.type)).toContain('compaction-failed');
		expect(ofType(h.log.events, 'compaction')).toHaveLength(0);
		expect((await h.run('Are you there?')).reason).toBe('completed');
		const last = transcript(format, h.bodies().at(-1)!).join('\n');
		expect(last).toContain('Hi');
		expect(last).not.toContain('Compaction:');
		assertValidConversation(format, h.bodies().at(-1)!);
		expectRebuiltAsSent(format, h);
	});
});
