import { beforeAll, describe, expect, it } from 'vitest';
import type { LiveEvent, SessionEvent } from '../../../../src/lib/agent/types';
import { loadToolSummaries } from '../../../../src/lib/state/chat/tool-summaries';
import type { AssistantMessage, Usage } from '../../../../src/lib/providers/types';
import {
	applyLiveEvent,
	applySessionEvent,
	beginTurn,
	closeDanglingTurn,
	emptyTranscript,
	endTurnLocally,
	replay,
	type ChatItem,
	type ToolCard,
	type Transcript
} from '../../../../src/lib/state/chat';

const usage = (input: number, output: number, cacheRead = 0, cacheWrite = 0): Usage => ({
	inputTokens: input,
	outputTokens: output,
	cacheReadTokens: cacheRead,
	cacheWriteTokens: cacheWrite
});

const start: SessionEvent = {
	type: 'session-start',
	at: 1,
	provider: 'anthropic',
	model: 'claude-test',
	runtime: 'browser'
};
const user = (text: string, id = 'u1', at = 10): SessionEvent => ({
	type: 'user-message',
	id,
	at,
	text
});
const step = (
	n: number,
	content: AssistantMessage['content'],
	stepUsage = usage(100, 20),
	extra: { interrupted?: boolean } = {}
): SessionEvent => ({
	type: 'assistant-step',
	id: `s${n}`,
	at: 20 + n,
	step: n,
	message: { role: 'assistant', content },
	stopReason: content.some((b) => b.type === 'tool_call') ? 'tool_use' : 'end_turn',
	usage: stepUsage,
	model: 'claude-test',
	...extra
});
const result = (
	toolCallId: string,
	name: string,
	output: string,
	ok = true,
	metadata?: Extract<SessionEvent, { type: 'tool-result' }>['metadata']
): SessionEvent => ({
	type: 'tool-result',
	at: 500,
	toolCallId,
	name,
	ok,
	output,
	durationMs: 120,
	...(metadata && { metadata })
});
const persisted = (event: SessionEvent): LiveEvent => ({ type: 'persisted', event });

/** Feeds a live run the way ChatSession does: an optimistic turn, then the agent's events. */
function live(text: string, events: readonly LiveEvent[], before?: Transcript): Transcript {
	let t = beginTurn(before ?? emptyTranscript(), text, 5);
	for (const e of events) t = applyLiveEvent(t, e, {}, 1_000);
	return t;
}

function storedPart(events: readonly LiveEvent[]): SessionEvent[] {
	return events.flatMap((e) => (e.type === 'persisted' ? [e.event] : []));
}

const kinds = (items: readonly ChatItem[]) => items.map((i) => i.kind);
const card = (t: Transcript, id: string) =>
	t.turns
		.flatMap((turn) => turn.items)
		.find((i): i is ToolCard => i.kind === 'tool' && i.id === id)!;

/** A full turn with thinking, text, a write and a bash call, then a final answer. */
const toolTurn: LiveEvent[] = [
	persisted(start),
	persisted(user('make a file')),
	{ type: 'step-start', step: 1 },
	{ type: 'thinking-delta', text: 'Plan: ' },
	{ type: 'thinking-delta', text: 'write it.' },
	{ type: 'text-delta', text: 'I will ' },
	{ type: 'text-delta', text: 'write **a.txt**.' },
	{ type: 'tool-call-start', id: 't1', name: 'write' },
	{ type: 'tool-call-args', id: 't1', argsDelta: '{"path":"a.txt",' },
	{ type: 'tool-call-args', id: 't1', argsDelta: '"content":"hi"}' },
	{
		type: 'tool-call-ready',
		id: 't1',
		name: 'write',
		input: { path: 'a.txt', content: 'hi' },
		summary: 'a.txt'
	},
	{ type: 'tool-call-start', id: 't2', name: 'bash' },
	{
		type: 'tool-call-ready',
		id: 't2',
		name: 'bash',
		input: { command: 'cat a.txt\necho done' },
		summary: 'cat a.txt'
	},
	persisted(
		step(
			1,
			[
				{ type: 'thinking', thinking: 'Plan: write it.', signature: 'sig' },
				{ type: 'text', text: 'I will write **a.txt**.' },
				{ type: 'tool_call', id: 't1', name: 'write', input: { path: 'a.txt', content: 'hi' } },
				{ type: 'tool_call', id: 't2', name: 'bash', input: { command: 'cat a.txt\necho done' } }
			],
			usage(100, 40, 0, 900)
		)
	),
	{ type: 'tool-running', id: 't1', startedAt: 380 },
	persisted(
		result('t1', 'write', 'Created a.txt', true, {
			path: 'a.txt',
			created: true,
			diff: '--- a.txt\n+++ a.txt\n@@ -0,0 +1 @@\n+hi\n'
		})
	),
	{ type: 'tool-running', id: 't2', startedAt: 381 },
	{ type: 'tool-progress', id: 't2', text: 'hi\n' },
	persisted(result('t2', 'bash', 'hi\ndone\n\nExit code: 0', true, { exitCode: 0 })),
	{ type: 'step-start', step: 2 },
	{ type: 'text-delta', text: 'Done.' },
	persisted(step(2, [{ type: 'text', text: 'Done.' }], usage(50, 5, 900, 0))),
	persisted({
		type: 'turn-end',
		at: 600,
		reason: 'completed',
		usage: usage(150, 45, 900, 900)
	})
];

// The tools' own summaries load with the agent's code (not with the IDE), as before a stored
// session with tool calls is shown.
beforeAll(async () => {
	await loadToolSummaries();
});

describe('transcript reducer', () => {
	it('shows the user message at once and adopts the stored id when it arrives', () => {
		let t = beginTurn(emptyTranscript(), 'hello', 5);
		expect(t.turns).toHaveLength(1);
		expect(t.turns[0]!.items[0]).toMatchObject({ kind: 'user', text: 'hello', at: 5 });
		expect(t.turns[0]!.running).toBe(true);
		t = applySessionEvent(t, user('hello', 'u9', 7));
		expect(t.turns).toHaveLength(1);
		expect(t.turns[0]!.items[0]).toMatchObject({ kind: 'user', id: 'u9', at: 7 });
	});

	it('records the session it belongs to', () => {
		const t = applySessionEvent(emptyTranscript(), start);
		expect(t.session).toEqual({ provider: 'anthropic', model: 'claude-test', runtime: 'browser' });
	});

	it('streams text and thinking into drafts, then replaces them with the stored step', () => {
		const events = toolTurn.slice(0, 7);
		const t = live('make a file', events);
		const items = t.turns[0]!.items;
		expect(kinds(items)).toEqual(['user', 'thinking', 'text']);
		expect(items[1]).toMatchObject({ text: 'Plan: write it.', streaming: true });
		expect(items[2]).toMatchObject({ text: 'I will write **a.txt**.', streaming: true });
	});

	it('moves tool cards through pending, running and completed with their output', () => {
		let t = live('make a file', toolTurn.slice(0, 10));
		expect(card(t, 't1')).toMatchObject({ state: 'pending', name: 'write', argsLength: 31 });
		t = live('make a file', toolTurn.slice(0, 13));
		expect(card(t, 't1').summary).toBe('a.txt');
		expect(card(t, 't2').summary).toBe('cat a.txt');
		t = live('make a file', toolTurn.slice(0, 15));
		expect(card(t, 't1')).toMatchObject({ state: 'running', startedAt: 380 });
		expect(card(t, 't2').state).toBe('pending');
		t = live('make a file', toolTurn.slice(0, 18));
		expect(card(t, 't1')).toMatchObject({
			state: 'completed',
			output: 'Created a.txt',
			metadata: { created: true, path: 'a.txt' },
			durationMs: 120
		});
		expect(card(t, 't2')).toMatchObject({ state: 'running', output: 'hi\n' });
	});

	it('ends a completed turn with its usage and no notice', () => {
		const t = live('make a file', toolTurn);
		const turn = t.turns[0]!;
		expect(turn.running).toBe(false);
		expect(turn.endReason).toBe('completed');
		expect(kinds(turn.items)).toEqual(['user', 'thinking', 'text', 'tool', 'tool', 'text']);
		expect(turn.items.every((i) => !('streaming' in i) || !i.streaming)).toBe(true);
		expect(turn.usage).toEqual({ input: 150, output: 45, cacheRead: 900, cacheWrite: 900 });
		expect(card(t, 't2')).toMatchObject({ state: 'completed', metadata: { exitCode: 0 } });
	});

	it('sums step usage while the turn runs', () => {
		const t = live('make a file', toolTurn.slice(0, 14));
		expect(t.turns[0]!.usage).toEqual({ input: 100, output: 40, cacheRead: 0, cacheWrite: 900 });
	});

	it('replaying the stored log gives exactly what was seen live', () => {
		const watched = live('make a file', toolTurn);
		const replayed = replay(storedPart(toolTurn));
		expect(replayed).toEqual(watched);
	});

	it('a call whose arguments did not parse shows and replays the same (no summary of raw text)', () => {
		const raw = '{"path": "a.txt", ';
		const events: LiveEvent[] = [
			persisted(start),
			persisted(user('read it')),
			{ type: 'step-start', step: 1 },
			{ type: 'tool-call-start', id: 'b1', name: 'read' },
			// model-step hands over the raw text when the arguments are not JSON.
			{ type: 'tool-call-ready', id: 'b1', name: 'read', input: raw, summary: '' },
			persisted(step(1, [{ type: 'tool_call', id: 'b1', name: 'read', input: {} }])),
			persisted(result('b1', 'read', 'The arguments for read were not valid JSON.', false)),
			persisted({ type: 'turn-end', at: 600, reason: 'completed', usage: usage(100, 20) })
		];
		const t = live('read it', events);
		expect(card(t, 'b1')).toMatchObject({ state: 'error', summary: '' });
		expect(replay(storedPart(events))).toEqual(t);
	});

	it('keeps turns apart and replays several of them', () => {
		const second: LiveEvent[] = [
			persisted(user('again', 'u2', 700)),
			{ type: 'text-delta', text: 'Sure.' },
			persisted(step(1, [{ type: 'text', text: 'Sure.' }])),
			persisted({ type: 'turn-end', at: 800, reason: 'completed', usage: usage(100, 20) })
		];
		const watched = live('again', second, live('make a file', toolTurn));
		expect(watched.turns.map((turn) => turn.key)).toEqual(['turn-0', 'turn-1']);
		expect(replay([...storedPart(toolTurn), ...storedPart(second)])).toEqual(watched);
	});

	it('shows the todo list as soon as it changes and after a reload', () => {
		const todos = [
			{ content: 'Write a.txt', status: 'completed' as const },
			{ content: 'Check it', status: 'in_progress' as const }
		];
		const events: LiveEvent[] = [
			persisted(user('plan')),
			{ type: 'tool-call-start', id: 'p', name: 'todo_write' },
			persisted(step(1, [{ type: 'tool_call', id: 'p', name: 'todo_write', input: { todos } }])),
			{ type: 'tool-running', id: 'p', startedAt: 400 },
			{ type: 'todos', todos }
		];
		const running = live('plan', events);
		expect(running.turns[0]!.todos).toEqual(todos);
		const done = [
			...events,
			persisted(result('p', 'todo_write', 'Todo list updated', true, { todos })),
			persisted({ type: 'turn-end', at: 900, reason: 'completed', usage: usage(1, 1) })
		] satisfies LiveEvent[];
		const watched = live('plan', done);
		expect(watched.turns[0]!.todos).toEqual(todos);
		expect(card(watched, 'p').summary).toBe('2 items');
		expect(replay(storedPart(done))).toEqual(watched);
	});

	it('records a stopped turn consistently: what arrived, unfinished tools, a notice', () => {
		const events: LiveEvent[] = [
			persisted(user('go')),
			{ type: 'step-start', step: 1 },
			{ type: 'text-delta', text: 'Running the tests' },
			{ type: 'tool-call-start', id: 'b', name: 'bash' },
			{
				type: 'tool-call-ready',
				id: 'b',
				name: 'bash',
				input: { command: 'sleep 100' },
				summary: ''
			},
			persisted(
				step(
					1,
					[
						{ type: 'text', text: 'Running the tests' },
						{ type: 'tool_call', id: 'b', name: 'bash', input: { command: 'sleep 100' } }
					],
					usage(10, 5)
				)
			),
			{ type: 'tool-running', id: 'b', startedAt: 450 },
			{ type: 'tool-progress', id: 'b', text: 'partial' },
			persisted({ type: 'turn-end', at: 600, reason: 'aborted', usage: usage(10, 5) })
		];
		const watched = live('go', events);
		const turn = watched.turns[0]!;
		expect(turn.running).toBe(false);
		expect(turn.endReason).toBe('aborted');
		expect(kinds(turn.items)).toEqual(['user', 'text', 'tool', 'notice']);
		expect(card(watched, 'b').state).toBe('error');
		expect(card(watched, 'b').output).toContain('Stopped before this tool finished.');
		expect(turn.items.at(-1)).toMatchObject({ code: 'stopped', tone: 'info' });
		// The live output "partial" was never stored, so a replay cannot show it; everything else matches.
		const replayed = replay(storedPart(events));
		expect(kinds(replayed.turns[0]!.items)).toEqual(kinds(turn.items));
		expect(card(replayed, 'b').state).toBe('error');
		expect(replayed.turns[0]!.items.at(-1)).toEqual(turn.items.at(-1));
	});

	it('drops text that was streaming when a stop cut the step before it was stored', () => {
		const events: LiveEvent[] = [
			persisted(user('go')),
			{ type: 'step-start', step: 1 },
			{ type: 'text-delta', text: 'half a sen' },
			persisted(
				step(1, [{ type: 'text', text: 'half a sen' }], usage(10, 3), { interrupted: true })
			),
			persisted({ type: 'turn-end', at: 600, reason: 'aborted', usage: usage(10, 3) })
		];
		const watched = live('go', events);
		expect(kinds(watched.turns[0]!.items)).toEqual(['user', 'text', 'notice']);
		expect(watched.turns[0]!.items[1]).toMatchObject({ text: 'half a sen', streaming: false });
		expect(replay(storedPart(events))).toEqual(watched);
	});

	it.each([
		['step-limit', 'step limit'],
		['failure-limit', 'failed'],
		['error', 'The API key was rejected']
	] as const)('ends a %s turn with a notice that says what to do', (reason, text) => {
		const events: LiveEvent[] = [
			persisted(user('go')),
			persisted({
				type: 'turn-end',
				at: 600,
				reason,
				usage: usage(0, 0),
				...(reason === 'error' && {
					error: { kind: 'auth', message: 'The API key was rejected: check it in Settings.' }
				})
			})
		];
		const notice = live('go', events).turns[0]!.items.at(-1);
		expect(notice).toMatchObject({ kind: 'notice', code: reason });
		expect(notice && 'message' in notice && notice.message).toContain(text);
	});

	it('shows a retry countdown and drops the half-streamed step it restarts', () => {
		const events: LiveEvent[] = [
			persisted(user('go')),
			{ type: 'step-start', step: 1 },
			{ type: 'text-delta', text: 'Hel' },
			{
				type: 'retry',
				attempt: 1,
				delayMs: 4_000,
				error: { kind: 'overloaded', message: 'The model is overloaded.' }
			}
		];
		const waiting = live('go', events);
		expect(kinds(waiting.turns[0]!.items)).toEqual(['user', 'notice']);
		expect(waiting.turns[0]!.items[1]).toMatchObject({
			code: 'retrying',
			retryAt: 5_000,
			attempt: 1,
			message: 'The model is overloaded.'
		});
		const resumed = live('go', [...events, { type: 'text-delta', text: 'Hello' }]);
		expect(kinds(resumed.turns[0]!.items)).toEqual(['user', 'text']);
		expect(resumed.turns[0]!.items[1]).toMatchObject({ text: 'Hello' });
	});

	it('closes a turn the log left open (the tab closed mid-turn)', () => {
		const stored = [
			user('go'),
			step(1, [{ type: 'tool_call', id: 'x', name: 'read', input: { path: 'a' } }])
		];
		const t = closeDanglingTurn(replay(stored));
		const turn = t.turns[0]!;
		expect(turn.running).toBe(false);
		expect(card(t, 'x').state).toBe('error');
		expect(turn.items.at(-1)).toMatchObject({ code: 'interrupted' });
	});

	it('applies the agent’s repair of a closed-tab turn to that turn, not to the new one', () => {
		const dangling = [
			start,
			user('first'),
			step(1, [{ type: 'tool_call', id: 'x', name: 'bash', input: { command: 'ls' } }])
		];
		const loaded = closeDanglingTurn(replay(dangling));
		expect(loaded.turns[0]!.items.at(-1)).toMatchObject({ code: 'interrupted' });
		const repairAndNext: LiveEvent[] = [
			persisted(result('x', 'bash', 'Not run: the session was interrupted.', false)),
			persisted({
				type: 'turn-end',
				at: 300,
				reason: 'aborted',
				error: { kind: 'interrupted', message: 'This turn was cut short when the page closed.' },
				usage: usage(0, 0)
			}),
			persisted(user('second', 'u2', 400)),
			{ type: 'text-delta', text: 'Hi' },
			persisted(step(1, [{ type: 'text', text: 'Hi' }])),
			persisted({ type: 'turn-end', at: 600, reason: 'completed', usage: usage(100, 20) })
		];
		const watched = live('second', repairAndNext, loaded);
		expect(watched.turns).toHaveLength(2);
		expect(card(replay(dangling.concat(storedPart(repairAndNext))), 'x').output).toMatch(/Not run/);
		expect(watched.turns[0]!.items.at(-1)).toMatchObject({
			code: 'interrupted',
			message: 'This turn was cut short when the page closed.'
		});
		expect(watched.turns[0]!.usage).toEqual({
			input: 100,
			output: 20,
			cacheRead: 0,
			cacheWrite: 0
		});
		expect(watched.turns[1]!.endReason).toBe('completed');
		expect(replay([...dangling, ...storedPart(repairAndNext)])).toEqual(watched);
	});

	it('drops what a retried step had streamed when the step starts again', () => {
		const t = live('go', [
			persisted(user('go')),
			{ type: 'step-start', step: 1 },
			{ type: 'text-delta', text: 'first try' },
			{ type: 'step-start', step: 1 },
			{ type: 'text-delta', text: 'second' }
		]);
		expect(t.turns[0]!.items.map((i) => ('text' in i ? i.text : ''))).toEqual(['go', 'second']);
	});

	it('ends a turn locally when the agent failed without reporting, and only once', () => {
		let t = live('go', [persisted(user('go'))]);
		t = endTurnLocally(t, 'error', { kind: 'internal', message: 'Boom. Reload the page.' });
		expect(t.turns[0]!.items.at(-1)).toMatchObject({
			code: 'error',
			message: 'Boom. Reload the page.'
		});
		expect(endTurnLocally(t, 'aborted')).toBe(t);
	});

	it('ignores events when no turn is running', () => {
		const t = emptyTranscript();
		expect(applyLiveEvent(t, { type: 'text-delta', text: 'x' })).toBe(t);
		expect(applySessionEvent(t, result('a', 'read', 'x'))).toBe(t);
	});

	it('summarises arguments of tools it does not know', () => {
		const t = live('go', [
			persisted(user('go')),
			persisted(
				step(1, [{ type: 'tool_call', id: 'q', name: 'task', input: { prompt: 'look\nat it' } }])
			)
		]);
		expect(card(t, 'q').summary).toBe('prompt: look');
	});
});
