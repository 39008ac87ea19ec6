import { describe, expect, it } from 'vitest';
import type { AgentMode, LiveEvent, SessionEvent } from '../../../../src/lib/agent/types';
import type { Usage } from '../../../../src/lib/providers/types';
import {
	applyLiveEvent,
	beginTurn,
	emptyTranscript,
	endTurnLocally,
	planText,
	replay,
	subagentEvent,
	type ChatLiveEvent,
	type MarkerItem,
	type ToolCard,
	type Transcript
} from '../../../../src/lib/state/chat';

const usage = (input: number, output: number, cacheRead = 0): Usage => ({
	inputTokens: input,
	outputTokens: output,
	cacheReadTokens: cacheRead,
	cacheWriteTokens: 0
});
const start: SessionEvent = {
	type: 'session-start',
	at: 1,
	provider: 'anthropic',
	model: 'claude-sonnet-4-5',
	runtime: 'browser'
};
const user = (text: string, id = 'u1', at = 10): SessionEvent => ({
	type: 'user-message',
	id,
	at,
	text
});
const readStep = (n: number, id: string): SessionEvent => ({
	type: 'assistant-step',
	id: `s${n}`,
	at: 20 + n,
	step: n,
	message: {
		role: 'assistant',
		content: [{ type: 'tool_call', id, name: 'read', input: { path: 'a.ts' } }]
	},
	stopReason: 'tool_use',
	usage: usage(100, 10),
	model: 'claude-sonnet-4-5'
});
const textStep = (n: number, text: string): SessionEvent => ({
	type: 'assistant-step',
	id: `s${n}`,
	at: 20 + n,
	step: n,
	message: { role: 'assistant', content: [{ type: 'text', text }] },
	stopReason: 'end_turn',
	usage: usage(100, 10),
	model: 'claude-sonnet-4-5'
});
const result = (toolCallId: string, output: string, name = 'read'): SessionEvent => ({
	type: 'tool-result',
	at: 300,
	toolCallId,
	name,
	ok: true,
	output,
	durationMs: 5
});
const turnEnd: SessionEvent = {
	type: 'turn-end',
	at: 900,
	reason: 'completed',
	usage: usage(0, 0)
};
const persisted = (event: SessionEvent): LiveEvent => ({ type: 'persisted', event });

function live(
	text: string,
	events: readonly ChatLiveEvent[],
	before?: Transcript,
	command = false
) {
	let t = beginTurn(before ?? emptyTranscript(), text, 5, { command });
	for (const e of events) t = applyLiveEvent(t, e, {}, 1_000);
	return t;
}
const stored = (events: readonly ChatLiveEvent[]) =>
	events.flatMap((e) => (e.type === 'persisted' ? [e.event] : []));
const markers = (t: Transcript) =>
	t.turns.flatMap((turn) => turn.items).filter((i): i is MarkerItem => i.kind === 'marker');
const card = (t: Transcript, id: string) =>
	t.turns
		.flatMap((turn) => turn.items)
		.find((i): i is ToolCard => i.kind === 'tool' && i.id === id)!;

const cleared: SessionEvent = {
	type: 'context-cleared',
	at: 400,
	toolCallIds: ['r1', 'r2'],
	tokensFreed: 12_345
};
const compaction: SessionEvent = {
	type: 'compaction',
	at: 500,
	summary: '## Intent\nBuild the thing.',
	tokensBefore: 120_000,
	tokensAfter: 18_000
};

/** A turn that reads twice, clears both results, compacts, then answers. */
const contextTurn: ChatLiveEvent[] = [
	persisted(start),
	persisted(user('go')),
	persisted(readStep(1, 'r1')),
	persisted(result('r1', 'x'.repeat(100))),
	persisted(readStep(2, 'r2')),
	persisted(result('r2', 'y'.repeat(100))),
	persisted(cleared),
	{ type: 'compacting', manual: false },
	persisted(compaction),
	{ type: 'text-delta', text: 'Done.' },
	persisted(textStep(3, 'Done.')),
	persisted(turnEnd)
];

describe('transcript: context markers', () => {
	it('marks where old tool results were cleared, and the cards whose results were', () => {
		const t = live('go', contextTurn.slice(0, 7));
		expect(markers(t)).toEqual([
			expect.objectContaining({
				code: 'context-cleared',
				message: 'Cleared 2 old tool results (~12k tokens) to keep the context small'
			})
		]);
		expect(card(t, 'r1').cleared).toBe(true);
		expect(card(t, 'r2').cleared).toBe(true);
		// The person still sees the full output.
		expect(card(t, 'r1').output).toBe('x'.repeat(100));
	});

	it('shows compaction progress, then the compaction with its summary', () => {
		const during = live('go', contextTurn.slice(0, 8));
		expect(markers(during).map((m) => m.code)).toEqual(['context-cleared', 'compacting']);
		expect(markers(during)[1]!.message).toMatch(/compacting the conversation…/);

		const after = live('go', contextTurn.slice(0, 9));
		const codes = markers(after).map((m) => m.code);
		expect(codes).toEqual(['context-cleared', 'compaction']);
		expect(markers(after)[1]).toMatchObject({
			message: 'Conversation compacted: 120k → 18k tokens',
			summary: '## Intent\nBuild the thing.'
		});
	});

	it('replays the markers exactly as they were seen live', () => {
		const watched = live('go', contextTurn);
		expect(replay(stored(contextTurn))).toEqual(watched);
		expect(card(watched, 'r2').cleared).toBe(true);
	});

	it('marks a cleared result in an earlier turn too', () => {
		const first = [
			persisted(start),
			persisted(user('a')),
			persisted(readStep(1, 'r1')),
			persisted(result('r1', 'x')),
			persisted(turnEnd)
		];
		const second = [
			persisted(user('b', 'u2')),
			persisted({ ...cleared, toolCallIds: ['r1'] }),
			persisted(textStep(1, 'ok')),
			persisted(turnEnd)
		];
		const t = live('b', second, live('a', first));
		expect(card(t, 'r1').cleared).toBe(true);
		expect(t.turns[1]!.items.map((i) => i.kind)).toEqual(['user', 'marker', 'text']);
	});

	it('says when a compaction failed, and drops a progress marker the turn left behind', () => {
		const failed = live('go', [
			persisted(start),
			persisted(user('go')),
			{ type: 'compacting', manual: false },
			{
				type: 'compaction-failed',
				error: { kind: 'overloaded', message: 'The model is overloaded' }
			}
		]);
		expect(markers(failed).map((m) => m.code)).toEqual(['compaction-failed']);
		expect(markers(failed)[0]!.message).toMatch(/overloaded\. The session goes on uncompacted/);

		const stopped = endTurnLocally(
			live('go', [persisted(start), persisted(user('go')), { type: 'compacting', manual: false }]),
			'aborted'
		);
		expect(markers(stopped)).toEqual([]);
	});

	it('shows a /compact as its own entry, the same live and after a reload', () => {
		const before = live('go', [
			persisted(start),
			persisted(user('go')),
			persisted(textStep(1, 'Hi')),
			persisted(turnEnd)
		]);
		const events: ChatLiveEvent[] = [
			{ type: 'compacting', manual: true },
			persisted({
				type: 'request',
				at: 480,
				step: 0,
				snapshot: {
					layers: [],
					breakpoints: 0,
					estimatedInputTokens: 10,
					model: 'm',
					maxTokens: 100,
					kind: 'compaction',
					toolNames: []
				}
			}),
			persisted({ ...compaction, manual: true, focus: 'the API' })
		];
		// The agent stores no user message or turn-end for /compact; the chat ends it locally.
		const watched = endTurnLocally(live('/compact the API', events, before, true), 'completed');
		const last = watched.turns.at(-1)!;
		expect(last.items.map((i) => i.kind)).toEqual(['marker']);
		expect((last.items[0] as MarkerItem).message).toBe(
			'Conversation compacted on request: 120k → 18k tokens, focused on “the API”'
		);
		const replayed = replay([
			...stored([
				persisted(start),
				persisted(user('go')),
				persisted(textStep(1, 'Hi')),
				persisted(turnEnd)
			]),
			...stored(events)
		]);
		expect(replayed.turns.at(-1)!.items).toEqual(last.items);
	});
});

describe('transcript: plan mode', () => {
	it('records the mode and which turns ran in plan mode, live and replayed', () => {
		const events: ChatLiveEvent[] = [
			persisted(start),
			persisted(user('look around')),
			persisted(textStep(1, 'Reading.')),
			persisted(textStep(2, '1. Do this\n2. Do that')),
			persisted(turnEnd)
		];
		const modeChange: SessionEvent = { type: 'mode-change', at: 2, mode: 'plan' };
		const before = replay([modeChange]);
		expect(before.mode).toBe('plan');
		const watched = live('look around', events, before);
		expect(watched.turns[0]!.mode).toBe('plan');
		expect(replay([modeChange, ...stored(events)])).toEqual(watched);
		expect(planText(watched.turns[0]!)).toBe('1. Do this\n2. Do that');

		const back = replay([
			modeChange,
			...stored(events),
			// Sessions stored before the four modes say 'normal': read back as auto.
			{ type: 'mode-change', at: 950, mode: 'normal' as unknown as AgentMode },
			user('go', 'u2', 960)
		]);
		expect(back.mode).toBe('auto');
		expect(back.turns[1]!.mode).toBeUndefined();
	});
});

describe('transcript: subagents in the task card', () => {
	const taskInput = { description: 'Find the API routes', prompt: 'Look', agent: 'explore' };
	const taskStep: SessionEvent = {
		type: 'assistant-step',
		id: 's1',
		at: 21,
		step: 1,
		message: {
			role: 'assistant',
			content: [{ type: 'tool_call', id: 'task1', name: 'task', input: taskInput }]
		},
		stopReason: 'tool_use',
		usage: usage(100, 10),
		model: 'claude-sonnet-4-5'
	};
	const sub = (event: LiveEvent) => subagentEvent('task1', 'task1', event);
	const running: ChatLiveEvent[] = [
		persisted(start),
		persisted(user('where are the routes?')),
		{ type: 'tool-call-start', id: 'task1', name: 'task' },
		{ type: 'tool-call-ready', id: 'task1', name: 'task', input: taskInput, summary: '' },
		persisted(taskStep),
		{ type: 'tool-running', id: 'task1', startedAt: 30 },
		sub({ type: 'step-start', step: 1 }),
		sub({ type: 'text-delta', text: 'Searching for routes.' }),
		sub({ type: 'tool-call-start', id: 'g1', name: 'grep' }),
		sub({
			type: 'tool-call-ready',
			id: 'g1',
			name: 'grep',
			input: { pattern: 'route' },
			summary: 'route'
		}),
		sub({ type: 'tool-running', id: 'g1', startedAt: 40 }),
		sub(persisted(result('g1', 'src/routes.ts:1', 'grep'))),
		sub({
			type: 'tool-call-ready',
			id: 'r1',
			name: 'read',
			input: { path: 'src/routes.ts' },
			summary: 'src/routes.ts'
		}),
		sub({ type: 'tool-running', id: 'r1', startedAt: 41 })
	];

	it('shows the description and the subagent’s tool calls as they happen', () => {
		const t = live('where are the routes?', running);
		const progress = card(t, 'task1').subagent!;
		expect(progress.description).toBe('Find the API routes');
		expect(progress.agent).toBe('explore');
		expect(progress.steps).toEqual([
			{ id: 'g1', name: 'grep', summary: 'route', state: 'completed' },
			{ id: 'r1', name: 'read', summary: 'src/routes.ts', state: 'running' }
		]);
		expect(progress.latestText).toBe('Searching for routes.');
	});

	it('ends with the report and the subagent’s own account, live and replayed', () => {
		const done: SessionEvent = {
			type: 'tool-result',
			at: 800,
			toolCallId: 'task1',
			name: 'task',
			ok: true,
			output: 'Routes live in **src/routes.ts**.',
			durationMs: 700,
			metadata: {
				subagent: {
					id: 'task1',
					agent: 'explore',
					description: 'Find the API routes',
					reason: 'completed',
					steps: 3,
					model: 'claude-sonnet-4-5',
					usage: { inputTokens: 10, outputTokens: 20, cacheReadTokens: 300, cacheWriteTokens: 0 }
				}
			}
		};
		const t = live('where are the routes?', [...running, persisted(done)]);
		const finished = card(t, 'task1');
		expect(finished.state).toBe('completed');
		expect(finished.output).toBe('Routes live in **src/routes.ts**.');
		expect(finished.subagent).toMatchObject({
			reason: 'completed',
			modelSteps: 3,
			description: 'Find the API routes'
		});
		// A call it never finished is not left spinning.
		expect(finished.subagent!.steps.map((s) => s.state)).toEqual(['completed', 'error']);

		const replayed = card(replay(stored([...running, persisted(done)])), 'task1');
		expect(replayed.subagent).toMatchObject({ reason: 'completed', modelSteps: 3, steps: [] });
	});

	it('ignores subagent events for a card it does not know', () => {
		const t = live('x', [persisted(start), persisted(user('x'))]);
		expect(
			applyLiveEvent(t, subagentEvent('nope', 'nope', { type: 'text-delta', text: 'hi' }))
		).toBe(t);
	});
});
