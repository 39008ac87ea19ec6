import { beforeAll, describe, expect, it } from 'vitest';
import {
	buildMessages,
	buildRequest,
	clearedPlaceholder,
	compactionRequest,
	countTokens,
	DEFAULT_CONTEXT_POLICY,
	formatSessionContext,
	loadTokenizer,
	parseCompactCommand,
	planClearing,
	type SessionEvent
} from '../../../src/lib/agent';
import type { ChatMessage } from '../../../src/lib/providers';
import { toolDefinitions } from '../../../src/lib/tools';

beforeAll(async () => {
	await loadTokenizer();
});

const usage = { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 };
const start: SessionEvent = {
	type: 'session-start',
	at: 0,
	provider: 'anthropic',
	model: 'm',
	runtime: 'browser',
	environment: 'ENV',
	sessionContext: 'MEMORY AND MAP'
};
const user = (text: string): SessionEvent => ({ type: 'user-message', id: text, at: 0, text });
const readCall = (id: string, path: string): SessionEvent => ({
	type: 'assistant-step',
	id: `s-${id}`,
	at: 0,
	step: 1,
	model: 'm',
	stopReason: 'tool_use',
	usage,
	message: {
		role: 'assistant',
		content: [{ type: 'tool_call', id, name: 'read', input: { path } }]
	}
});
const answer = (text: string): SessionEvent => ({
	type: 'assistant-step',
	id: `a-${text}`,
	at: 0,
	step: 2,
	model: 'm',
	stopReason: 'end_turn',
	usage,
	message: { role: 'assistant', content: [{ type: 'text', text }] }
});
const result = (id: string, output: string): SessionEvent => ({
	type: 'tool-result',
	at: 0,
	toolCallId: id,
	name: 'read',
	ok: true,
	output,
	durationMs: 0
});
const lines = (count: number, word: string) =>
	Array.from(
		{ length: count },
		(_, i) => `${i + 1}\tconst ${word}${i} = "${word} value ${i}";`
	).join('\n');
const build = (events: SessionEvent[]) =>
	buildRequest({ model: 'm', events, tools: toolDefinitions(), maxTokens: 100 });
const texts = (message: ChatMessage | undefined) =>
	(message?.content ?? []).flatMap((block) => (block.type === 'text' ? [block.text] : []));
const markers = (messages: ChatMessage[]) =>
	messages.flatMap((message, m) =>
		message.content.flatMap((block, b) => ('cache' in block && block.cache ? [`${m}.${b}`] : []))
	);

describe('breakpoints', () => {
	it('marks the system prompt, the session context and the two newest user messages: four at most', () => {
		const events = [
			start,
			user('one'),
			readCall('a', 'a.ts'),
			result('a', 'A'),
			readCall('b', 'b.ts'),
			result('b', 'B')
		];
		const request = build(events);
		expect(request.system.map((block) => [block.text.slice(0, 7), block.cache])).toEqual([
			['You are', {}],
			['ENV\n\nME', {}]
		]);
		expect(request.tools.some((tool) => tool.cache)).toBe(false);
		// Messages: user(one) · assistant(a) · user(A) · assistant(b) · user(B)
		expect(markers(request.messages)).toEqual(['2.0', '4.0']);
	});

	it('marks the last text of a user message (the adapter sends tool results first)', () => {
		const events = [start, user('one'), readCall('a', 'a.ts'), result('a', 'A'), user('two')];
		const request = build(events);
		expect(request.messages.at(-1)!.content.map((block) => block.type)).toEqual([
			'tool_result',
			'text'
		]);
		expect(markers(request.messages)).toEqual(['0.0', '2.1']);
	});
});

describe('reminders', () => {
	it('sends a mode change inside the next user message, before the person’s text', () => {
		const events = [
			start,
			user('one'),
			answer('done'),
			{ type: 'mode-change', at: 0, mode: 'plan' } as const
		];
		// Not sent before the person writes again: the last message is the model's.
		expect(build(events).messages).toHaveLength(2);
		const next = build([...events, user('two')]);
		const last = texts(next.messages.at(-1));
		expect(last).toHaveLength(2);
		expect(last[0]).toMatch(/<system-reminder>\nPlan mode is on/);
		expect(last[1]).toBe('two');
	});

	it('sends a mode change during a turn after the results it came with, and keeps it there', () => {
		const events: SessionEvent[] = [
			start,
			user('one'),
			readCall('a', 'a.ts'),
			result('a', 'A'),
			{ type: 'mode-change', at: 0, mode: 'plan' }
		];
		const first = build(events);
		const later = build([...events, readCall('b', 'b.ts'), result('b', 'B')]);
		const withReminder = first.messages[2]!;
		expect(withReminder.content.map((block) => block.type)).toEqual(['tool_result', 'text']);
		expect(texts(withReminder)[0]).toMatch(/Plan mode is on/);
		// The later request carries the same message unchanged (cache markers aside).
		const strip = (message: ChatMessage) =>
			JSON.stringify(message.content.map(({ ...block }) => ({ ...block, cache: undefined })));
		expect(strip(later.messages[2]!)).toBe(strip(withReminder));
	});
});

describe('clearing', () => {
	const big = lines(300, 'alpha');
	const events: SessionEvent[] = [
		start,
		user('go'),
		readCall('a', 'src/a.ts'),
		result('a', big),
		readCall('b', 'src/b.ts'),
		result('b', lines(300, 'beta')),
		readCall('c', 'src/c.ts'),
		result('c', lines(300, 'gamma')),
		readCall('d', 'src/d.ts'),
		result('d', lines(300, 'delta'))
	];

	it('replaces a cleared result by a placeholder that says how to get it back', () => {
		expect(clearedPlaceholder('read', { path: 'src/a.ts' }, big)).toBe(
			'[cleared to save context: this read of src/a.ts returned 300 lines — read it again if you need it]'
		);
		expect(clearedPlaceholder('bash', { command: 'npm test' }, 'x\ny')).toMatch(
			/`npm test` \(2 lines\) — run the command again/
		);
		const cleared = buildMessages([
			...events,
			{ type: 'context-cleared', at: 0, toolCallIds: ['a'], tokensFreed: 1 }
		]);
		const before = buildMessages(events);
		expect(cleared[2]!.content[0]).toMatchObject({
			type: 'tool_result',
			toolCallId: 'a',
			content: expect.stringMatching(/^\[cleared to save context: this read of src\/a\.ts/)
		});
		// Everything before the cleared result, and every other result, is unchanged.
		expect(cleared.slice(0, 2)).toEqual(before.slice(0, 2));
		expect(cleared.slice(3)).toEqual(before.slice(3));
	});

	it('clears the oldest results first, keeps the newest, and only in batches that pay', () => {
		const each = countTokens(big);
		const estimate = 20_000;
		const policy = { ...DEFAULT_CONTEXT_POLICY, keepRecentResults: 2, minClearTokens: 1 };
		const plan = planClearing({ events, estimate, window: 40_000, policy });
		// Goal: down to 30% of 40k = 12k, so 8k to free: a and b are enough, c and d stay.
		expect(plan?.toolCallIds).toEqual(['a', 'b']);
		expect(plan!.tokensFreed).toBeGreaterThan(2 * each - 100);
		// The newest results are never cleared, even when that cannot free enough.
		const keepAll = { ...policy, keepRecentResults: 4 };
		expect(planClearing({ events, estimate, window: 40_000, policy: keepAll })).toBeUndefined();
		// A batch smaller than the minimum is not worth the cache rewrite.
		const tooSmall = { ...policy, keepRecentResults: 3, minClearTokens: 20_000 };
		expect(
			planClearing({ events, estimate: 100_000, window: 200_000, policy: tooSmall })
		).toBeUndefined();
		// Cleared results are not cleared again.
		const again = planClearing({
			events: [
				...events,
				{ type: 'context-cleared', at: 0, toolCallIds: ['a', 'b'], tokensFreed: 1 }
			],
			estimate,
			window: 40_000,
			policy
		});
		expect(again).toBeUndefined();
	});
});

describe('compaction', () => {
	const events: SessionEvent[] = [
		start,
		user('build it'),
		readCall('a', 'src/a.ts'),
		result('a', 'A'),
		answer('built')
	];

	it('asks for the summary after the last block, leaving every breakpoint where it was', () => {
		const request = build(events);
		const summary = compactionRequest(request, 'the auth flow');
		expect(summary.system).toEqual(request.system);
		expect(summary.tools).toEqual(request.tools);
		expect(summary.messages.slice(0, -1)).toEqual(request.messages);
		const instruction = texts(summary.messages.at(-1)).join('');
		for (const section of [
			'Intent',
			'Decisions',
			'Files',
			'Errors and fixes',
			'Pending work',
			'Current state'
		]) {
			expect(instruction).toContain(`## ${section}`);
		}
		expect(instruction).toContain('focus on: the auth flow');
		expect(markers(summary.messages)).toEqual(markers(request.messages));
	});

	it('starts the conversation after a compaction from the summary and what was re-injected', () => {
		const compacted: SessionEvent[] = [
			...events,
			{
				type: 'compaction',
				at: 0,
				summary: '## Intent\nBuild it.',
				reinjected: '# Recently used files, re-read now\n## src/a.ts\nA',
				tokensBefore: 100,
				tokensAfter: 10
			},
			user('next')
		];
		const request = build(compacted);
		expect(request.system).toEqual(build(events).system);
		expect(request.messages).toHaveLength(1);
		const [context, text] = texts(request.messages[0]);
		expect(context).toMatch(
			/compacted[\s\S]*<summary>\n## Intent\nBuild it\.\n<\/summary>[\s\S]*## src\/a\.ts/
		);
		expect(text).toBe('next');
		expect(JSON.stringify(request.messages)).not.toContain('build it');
	});

	it('knows /compact with and without a focus', () => {
		expect(parseCompactCommand('/compact')).toBe('');
		expect(parseCompactCommand('  /compact   the auth flow ')).toBe('the auth flow');
		expect(parseCompactCommand('/compacting')).toBeUndefined();
		expect(parseCompactCommand('please /compact')).toBeUndefined();
	});
});

describe('session context', () => {
	it('puts project memory before the map and leaves out what is missing', () => {
		expect(formatSessionContext({ memory: null, map: '  ' })).toBeUndefined();
		const text = formatSessionContext({ memory: 'Use tabs.\n', map: 'src/\n  a.ts' })!;
		expect(text).toMatch(
			/^# Project memory \(AGENTS\.md[^\n]*\nUse tabs\.\n\n# Project map[^\n]*\nsrc\/\n {2}a\.ts$/
		);
		expect(formatSessionContext({ map: 'src/' })).toBe('# Project map (at session start)\nsrc/');
	});
});
