import { describe, expect, it, vi } from 'vitest';
import { Agent } from '../../../../src/lib/agent';
import type { LiveEvent } from '../../../../src/lib/agent/types';
import { replay, type ChatSession } from '../../../../src/lib/state/chat';
import { listSessions, loadSessionEvents } from '../../../../src/lib/storage';
import {
	answer,
	ScriptedProvider,
	startHangingTurn,
	toolCall,
	useChatHarness
} from './chat-harness';

const SECRET = 'sk-test-secret-key-42';

describe('ChatSession', () => {
	const h = useChatHarness();
	const { chat } = h;

	it('asks for Settings, with the reason, when no model is configured', async () => {
		const session = chat(new ScriptedProvider([]));
		const result = await session.send('hello');
		expect(result.needsSettings).toMatch(/API key/);
		expect(session.turns).toEqual([]);
		expect(await listSessions('p1')).toEqual([]);
	});

	it('ignores an empty message', async () => {
		const session = chat(new ScriptedProvider([]));
		expect(await session.send('  \n')).toEqual({ reason: 'empty' });
	});

	it('runs a turn with a tool, stores it, and shows the same conversation after a reload', async () => {
		await h.settings.save({ provider: 'anthropic', apiKey: SECRET, model: 'm' });
		const provider = new ScriptedProvider([
			toolCall('c1', 'write', { path: 'hello.txt', content: 'hi\n' }),
			answer('Created **hello.txt**.')
		]);
		const session = chat(provider);
		await session.load();
		expect(session.turns).toEqual([]);

		const result = await session.send('make hello.txt');
		expect(result).toEqual({ reason: 'completed' });
		expect(session.running).toBe(false);
		expect(await h.workspace.readText('hello.txt')).toBe('hi\n');
		const kinds = session.items.map((item) => item.kind);
		expect(kinds).toEqual(['user', 'text', 'tool', 'text']);
		const card = session.items.find((item) => item.kind === 'tool');
		expect(card).toMatchObject({ name: 'write', state: 'completed', summary: 'hello.txt' });
		expect(card && card.kind === 'tool' && card.metadata?.diff).toContain('+hi');
		expect(session.turns[0]!.usage).toEqual({ input: 20, output: 10, cacheRead: 0, cacheWrite: 0 });

		const reloaded = chat(new ScriptedProvider([]));
		await reloaded.load();
		expect(reloaded.sessionId).toBe(session.sessionId);
		expect(reloaded.transcript).toEqual(session.transcript);
	});

	it('keeps the API key out of the stored conversation', async () => {
		await h.settings.save({ provider: 'anthropic', apiKey: SECRET, model: 'm' });
		const session = chat(new ScriptedProvider([answer('ok')]));
		await session.send('hi');
		const stored = JSON.stringify([
			await listSessions('p1'),
			await loadSessionEvents(session.sessionId!)
		]);
		expect(stored).toContain('"hi"');
		expect(stored).not.toContain(SECRET);
	});

	it('stops a streaming turn and records what was cut', async () => {
		await h.settings.save({ provider: 'anthropic', apiKey: SECRET, model: 'm' });
		const { session, sent } = await startHangingTurn(chat, 'think');
		expect(session.running).toBe(true);
		// Streamed text reaches the transcript on the next frame (frame-batcher.ts).
		await vi.waitFor(() =>
			expect(session.items.at(-1)).toMatchObject({
				kind: 'text',
				text: 'Thinking hard',
				streaming: true
			})
		);
		session.stop();
		expect(await sent).toEqual({ reason: 'aborted' });
		expect(session.running).toBe(false);
		const turn = session.turns[0]!;
		expect(turn.endReason).toBe('aborted');
		expect(turn.items.map((item) => item.kind)).toEqual(['user', 'text', 'notice']);
		expect(turn.items.at(-1)).toMatchObject({ code: 'stopped' });
		const events = await loadSessionEvents(session.sessionId!);
		expect(replay(events)).toEqual(session.transcript);
	});

	it('shows the todo list while the turn runs', async () => {
		await h.settings.save({ provider: 'anthropic', apiKey: SECRET, model: 'm' });
		const todos = [{ content: 'Write the page', status: 'in_progress' }];
		let duringTurn: unknown;
		const session: ChatSession = chat(
			new ScriptedProvider([toolCall('t', 'todo_write', { todos }), answer('Planned.')]),
			{
				createAgent: (options) => {
					const agent = new Agent(options);
					return {
						setMode: (mode) => agent.setMode(mode),
						runTurn: (text, turn) =>
							agent.runTurn(text, {
								...turn,
								onEvent: (event) => {
									turn.onEvent?.(event);
									// What the panel reads at the moment the plan changes.
									if (event.type === 'todos') duringTurn = session.todos;
								}
							})
					};
				}
			}
		);
		await session.send('plan it');
		expect(duringTurn).toEqual(todos);
		expect(session.todos).toEqual(todos);
	});

	it('turns a failure to start the agent into a notice instead of a crash', async () => {
		await h.settings.save({ provider: 'anthropic', apiKey: SECRET, model: 'm' });
		const session = chat(new ScriptedProvider([]), {
			createAgent: () => ({
				setMode: async () => {},
				runTurn: async () => {
					throw new Error('the log is read-only');
				}
			})
		});
		expect(await session.send('hi')).toEqual({ reason: 'error' });
		expect(session.items.at(-1)).toMatchObject({
			kind: 'notice',
			code: 'error',
			message: expect.stringContaining('the log is read-only')
		});
	});

	it('starts a new chat on request and keeps the old one stored', async () => {
		await h.settings.save({ provider: 'anthropic', apiKey: SECRET, model: 'm' });
		const session = chat(new ScriptedProvider([answer('one'), answer('two')]));
		await session.send('first');
		const firstId = session.sessionId;
		session.newSession();
		expect(session.turns).toEqual([]);
		expect(session.sessionId).toBeNull();
		await session.send('second');
		expect(session.sessionId).not.toBe(firstId);
		expect((await listSessions('p1')).map((s) => s.title)).toEqual(['second', 'first']);
	});

	it('tells the IDE when it leaves a session (a new chat, another opened), not when a turn stops', async () => {
		await h.settings.save({ provider: 'anthropic', apiKey: SECRET, model: 'm' });
		const onSessionLeft = vi.fn();
		const session = chat(new ScriptedProvider([answer('one')]), { onSessionLeft });
		await session.send('first');
		const firstId = session.sessionId!;
		session.stop();
		expect(onSessionLeft).not.toHaveBeenCalled();
		session.newSession();
		expect(onSessionLeft).toHaveBeenCalledTimes(1);
		await session.openSession(firstId);
		expect(onSessionLeft).toHaveBeenCalledTimes(2);
		expect(session.sessionId).toBe(firstId);
	});

	it('refuses a second message while the first is still starting, so one session is made', async () => {
		await h.settings.save({ provider: 'anthropic', apiKey: SECRET, model: 'm' });
		const session = chat(new ScriptedProvider([answer('one'), answer('two')]));
		// Both calls start before either reaches `running = true` (it awaits storage first).
		const first = session.send('first');
		const second = session.send('second');
		expect(await second).toEqual({ reason: 'busy' });
		expect(await first).toEqual({ reason: 'completed' });
		expect((await listSessions('p1')).map((s) => s.title)).toEqual(['first']);
		expect(session.turns).toHaveLength(1);
	});

	it('keeps a stopped turn’s last events out of the new chat opened meanwhile', async () => {
		await h.settings.save({ provider: 'anthropic', apiKey: SECRET, model: 'm' });
		const { session, sent } = await startHangingTurn(chat, 'think');
		session.newSession();
		expect(await sent).toEqual({ reason: 'aborted' });
		expect(session.turns).toEqual([]);
		expect(session.contextStatus).toBeNull();
	});

	it('passes live events through in order while the turn runs', async () => {
		await h.settings.save({ provider: 'anthropic', apiKey: SECRET, model: 'm' });
		const events: LiveEvent['type'][] = [];
		const session = chat(new ScriptedProvider([]), {
			createAgent: () => ({
				setMode: async () => {},
				runTurn: async (_text, { onEvent }) => {
					const emit = (event: LiveEvent) => {
						events.push(event.type);
						onEvent?.(event);
					};
					emit({ type: 'step-start', step: 1 });
					emit({ type: 'text-delta', text: 'partial' });
					return {
						reason: 'error',
						error: { kind: 'network', message: 'The network is down. Try again.' },
						usage: { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 }
					};
				}
			})
		});
		await session.send('hi');
		expect(events).toEqual(['step-start', 'text-delta']);
		// The agent returned without storing a turn-end: the chat still ends the turn and says why.
		expect(session.turns[0]!.running).toBe(false);
		expect(session.items.at(-1)).toMatchObject({ message: 'The network is down. Try again.' });
	});
});
