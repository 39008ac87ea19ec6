import { describe, expect, it } from 'vitest';
import { planApprovedMessage } from '../../../../src/lib/agent/permissions';
import type { ModelRequest } from '../../../../src/lib/providers/types';
import { ensureMemoryFile, NEW_MEMORY_TEXT } from '../../../../src/lib/state/chat';
import { listSessions, loadSessionEvents } from '../../../../src/lib/storage';
import { answer, ScriptedProvider, useChatHarness } from './chat-harness';

/** Every text the model was sent in its newest request. */
function sentText(request: ModelRequest | undefined): string {
	return JSON.stringify(request?.messages ?? []);
}

describe('ChatSession: memory, plan mode, sessions and context status', () => {
	const h = useChatHarness();
	const { chat } = h;

	it('/remember appends to AGENTS.md without a model turn, even with no model set up', async () => {
		const provider = new ScriptedProvider([]);
		const session = chat(provider);
		expect(await session.send('/remember run the tests with npm test')).toEqual({
			reason: 'command'
		});
		expect(session.notice?.message).toMatch(/^Remembered in AGENTS\.md/);
		expect(await h.workspace.readText('AGENTS.md')).toContain('- run the tests with npm test\n');
		expect(provider.requests).toEqual([]);
		expect(session.turns).toEqual([]);
		expect(await listSessions('p1')).toEqual([]);

		await session.send('/remember   ');
		expect(session.notice).toMatchObject({ tone: 'warning' });
		expect(session.notice?.message).toMatch(/Write the note after the command/);
	});

	it('the Memory button creates AGENTS.md with a heading only when it is missing', async () => {
		expect(await ensureMemoryFile(h.workspace)).toBe('AGENTS.md');
		expect(await h.workspace.readText('AGENTS.md')).toBe(NEW_MEMORY_TEXT);
		await h.workspace.writeFile('AGENTS.md', '# Mine\n');
		await ensureMemoryFile(h.workspace);
		expect(await h.workspace.readText('AGENTS.md')).toBe('# Mine\n');
	});

	it('/compact in an empty chat explains instead of starting a session', async () => {
		await h.settings.save({ provider: 'anthropic', apiKey: 'k', model: 'm' });
		const provider = new ScriptedProvider([]);
		const session = chat(provider);
		expect(await session.send('/compact')).toEqual({ reason: 'command' });
		expect(session.notice?.message).toMatch(/nothing to compact/);
		expect(provider.requests).toEqual([]);
		expect(await listSessions('p1')).toEqual([]);
	});

	it('passes /compact to the agent once there is a conversation', async () => {
		await h.settings.save({ provider: 'anthropic', apiKey: 'k', model: 'm' });
		const seen: string[] = [];
		const session = chat(new ScriptedProvider([answer('hi')]));
		await session.send('hello');
		const other = chat(new ScriptedProvider([]), {
			createAgent: () => ({
				setMode: async () => {},
				runTurn: async (text) => {
					seen.push(text);
					return {
						reason: 'completed',
						usage: { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 }
					};
				}
			})
		});
		expect(await other.send('/compact the routes')).toEqual({ reason: 'completed' });
		expect(seen).toEqual(['/compact the routes']);
		// No message bubble: a command is not part of the conversation.
		expect(other.turns.at(-1)!.items.some((item) => item.kind === 'user')).toBe(false);
	});

	it('plan mode set before the first message reaches the model, and survives a reload', async () => {
		await h.settings.save({ provider: 'anthropic', apiKey: 'k', model: 'm' });
		const provider = new ScriptedProvider([answer('1. Read\n2. Change')]);
		const session = chat(provider);
		await session.load();
		await session.setMode('plan');
		expect(session.mode).toBe('plan');
		await session.send('how would you add auth?');
		expect(sentText(provider.requests[0])).toMatch(/Plan mode is on/);
		const events = await loadSessionEvents(session.sessionId!);
		expect(events.filter((e) => e.type === 'mode-change')).toEqual([
			expect.objectContaining({ mode: 'plan' })
		]);
		expect(session.turns[0]!.mode).toBe('plan');
		expect(session.canApprovePlan).toBe(true);

		const reloaded = chat(new ScriptedProvider([]));
		await reloaded.load();
		expect(reloaded.mode).toBe('plan');
		expect(reloaded.transcript).toEqual(session.transcript);
	});

	it('approving a plan switches back to auto mode and sends the approval with the plan', async () => {
		await h.settings.save({ provider: 'anthropic', apiKey: 'k', model: 'm' });
		const provider = new ScriptedProvider([answer('1. Read\n2. Change'), answer('Done.')]);
		const session = chat(provider);
		await session.load();
		await session.setMode('plan');
		await session.send('plan it');
		expect(await session.approvePlan()).toEqual({ reason: 'completed' });
		expect(session.mode).toBe('auto');
		expect(session.canApprovePlan).toBe(false);
		const events = await loadSessionEvents(session.sessionId!);
		expect(
			events.filter((e) => e.type === 'mode-change').map((e) => e.type === 'mode-change' && e.mode)
		).toEqual(['plan', 'auto']);
		const users = events.flatMap((e) => (e.type === 'user-message' ? [e.text] : []));
		expect(users).toEqual(['plan it', planApprovedMessage('1. Read\n2. Change')]);
		expect(sentText(provider.requests[1])).toMatch(/Plan mode is off/);
	});

	it('resumes a past session with its transcript, and continues it', async () => {
		await h.settings.save({ provider: 'anthropic', apiKey: 'k', model: 'm' });
		const session = chat(new ScriptedProvider([answer('one'), answer('two'), answer('three')]));
		await session.send('first');
		const firstId = session.sessionId!;
		const firstTranscript = session.transcript;
		session.newSession();
		await session.send('second');
		const list = await session.sessions.list();
		expect(list.map((s) => [s.title, s.model])).toEqual([
			['second', 'm'],
			['first', 'm']
		]);

		await session.openSession(firstId);
		expect(session.sessionId).toBe(firstId);
		expect(session.transcript).toEqual(firstTranscript);
		expect(session.events.map((e) => e.type)).toContain('user-message');
		await session.send('more');
		const events = await loadSessionEvents(firstId);
		expect(events.flatMap((e) => (e.type === 'user-message' ? [e.text] : []))).toEqual([
			'first',
			'more'
		]);
	});

	it('says so when a session cannot be opened', async () => {
		const session = chat(new ScriptedProvider([]));
		await session.openSession('gone');
		expect(session.error).toMatch(/could not be opened/);
		expect(session.sessionId).toBeNull();
	});

	it('keeps the Context status from live reports and recomputes the same after a reload', async () => {
		await h.settings.save({ provider: 'anthropic', apiKey: 'k', model: 'claude-sonnet-4-5' });
		const session = chat(new ScriptedProvider([answer('a'), answer('b', 90)]));
		expect(session.contextStatus).toBeNull();
		await session.send('one');
		await session.send('two');
		const live = session.contextStatus!;
		expect(live).toMatchObject({ window: 200_000, costKnown: true });
		expect(live.used).toBe(10 + 90 + 5);
		expect(live.cacheReadShare).toBeCloseTo(90 / 110);
		expect(session.events.some((e) => e.type === 'request')).toBe(true);

		const reloaded = chat(new ScriptedProvider([]));
		await reloaded.load();
		expect(reloaded.contextStatus).toEqual(live);
		reloaded.newSession();
		expect(reloaded.contextStatus).toBeNull();
	});
});
