import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../../src/lib/agent';
import {
	appendSessionEvent,
	createSession,
	deleteProjectSessions,
	deleteSession,
	getSession,
	listSessions,
	loadSessionEvents,
	loadSubagentTranscript,
	sessionLog,
	storeSubagentTranscript,
	titleFromText
} from '../../../src/lib/storage';
import { freshIndexedDb } from './reset';

beforeEach(freshIndexedDb);

const model = { provider: 'anthropic' as const, model: 'claude-test' };

function userMessage(text: string): SessionEvent {
	return { type: 'user-message', id: crypto.randomUUID(), at: 1, text };
}

const turnEnd: SessionEvent = {
	type: 'turn-end',
	at: 2,
	reason: 'completed',
	usage: { inputTokens: 1, outputTokens: 2, cacheReadTokens: 0, cacheWriteTokens: 0 }
};

describe('sessions', () => {
	it('creates a session and reads it back', async () => {
		const meta = await createSession('p1', { ...model, title: '  Fix the header ' });
		expect(meta).toMatchObject({
			projectId: 'p1',
			title: 'Fix the header',
			provider: 'anthropic',
			model: 'claude-test'
		});
		expect(meta.updatedAt).toBe(meta.createdAt);
		expect(await getSession(meta.id)).toEqual(meta);
		expect(await getSession('nope')).toBeUndefined();
	});

	it('lists only the project’s sessions, most recently active first', async () => {
		const first = await createSession('p1', model);
		const second = await createSession('p1', model);
		await createSession('p2', model);
		expect((await listSessions('p1')).map((s) => s.id)).toEqual([second.id, first.id]);
		const log = await sessionLog(first.id);
		await log.append(userMessage('hello'));
		expect((await listSessions('p1')).map((s) => s.id)).toEqual([first.id, second.id]);
	});

	it('keeps events in append order, one key each, separate per session', async () => {
		const a = await createSession('p1', model);
		const b = await createSession('p1', model);
		// More than ten events: numeric seq must not sort as text ("10" before "2").
		for (let seq = 0; seq < 12; seq++) await appendSessionEvent(a.id, seq, userMessage(`a${seq}`));
		await appendSessionEvent(b.id, 0, userMessage('b0'));
		const events = await loadSessionEvents(a.id);
		expect(events.map((e) => (e.type === 'user-message' ? e.text : e.type))).toEqual(
			Array.from({ length: 12 }, (_, i) => `a${i}`)
		);
		expect(await loadSessionEvents(b.id)).toHaveLength(1);
	});

	it('sessionLog loads earlier events, writes through, and titles the chat from the first message', async () => {
		const meta = await createSession('p1', model);
		expect(meta.title).toBe('New chat');
		const log = await sessionLog(meta.id);
		expect(log.events).toEqual([]);
		await log.append(userMessage('  Add a dark mode toggle\nto the settings page'));
		await log.append(turnEnd);
		await log.append(userMessage('a second message does not rename it'));
		expect(log.events).toHaveLength(3);

		const after = await getSession(meta.id);
		expect(after?.title).toBe('Add a dark mode toggle');
		expect(after!.updatedAt).toBeGreaterThan(meta.updatedAt);

		const reopened = await sessionLog(meta.id);
		expect(reopened.events).toEqual(log.events);
		await reopened.append(turnEnd);
		expect(await loadSessionEvents(meta.id)).toHaveLength(4);
	});

	it('keeps seq numbers apart when appends are not awaited one by one', async () => {
		const meta = await createSession('p1', model);
		const log = await sessionLog(meta.id);
		await Promise.all(['one', 'two', 'three'].map((text) => log.append(userMessage(text))));
		const texts = (await loadSessionEvents(meta.id)).map((e) =>
			e.type === 'user-message' ? e.text : ''
		);
		expect(texts).toEqual(['one', 'two', 'three']);
	});

	it('does not rename a session that was given a title', async () => {
		const meta = await createSession('p1', { ...model, title: 'Mine' });
		const log = await sessionLog(meta.id);
		await log.append(userMessage('something else'));
		expect((await getSession(meta.id))?.title).toBe('Mine');
	});

	it('deletes a session and only its events', async () => {
		const doomed = await createSession('p1', model);
		const kept = await createSession('p1', model);
		await appendSessionEvent(doomed.id, 0, userMessage('x'));
		await appendSessionEvent(kept.id, 0, userMessage('y'));
		await deleteSession(doomed.id);
		expect(await getSession(doomed.id)).toBeUndefined();
		expect(await loadSessionEvents(doomed.id)).toEqual([]);
		expect(await loadSessionEvents(kept.id)).toHaveLength(1);
		await expect(sessionLog(doomed.id)).rejects.toThrow(/no longer exists.*new chat/i);
	});

	it('deletes all sessions of a project', async () => {
		const a = await createSession('p1', model);
		await createSession('p1', model);
		const other = await createSession('p2', model);
		await appendSessionEvent(a.id, 0, userMessage('x'));
		await deleteProjectSessions('p1');
		expect(await listSessions('p1')).toEqual([]);
		expect(await loadSessionEvents(a.id)).toEqual([]);
		expect(await listSessions('p2')).toEqual([other]);
	});

	it('makes short one-line titles', () => {
		expect(titleFromText('   ')).toBe('New chat');
		expect(titleFromText('fix   the\tbug\nmore')).toBe('fix the bug');
		const long = titleFromText('word '.repeat(40));
		expect(Array.from(long).length).toBeLessThanOrEqual(60);
		expect(long.endsWith('…')).toBe(true);
	});
});

describe('subagent transcripts', () => {
	it('are kept beside the session, not listed as sessions, and deleted with it', async () => {
		const meta = await createSession('project-sub', { provider: 'anthropic', model: 'm' });
		const transcript: SessionEvent[] = [
			{ type: 'user-message', id: 'u', at: 1, text: 'Find fact ALPHA' },
			{
				type: 'turn-end',
				at: 2,
				reason: 'completed',
				usage: { inputTokens: 1, outputTokens: 1, cacheReadTokens: 0, cacheWriteTokens: 0 }
			}
		];
		await storeSubagentTranscript(meta.id, 'toolu_1', transcript);
		expect(await loadSubagentTranscript(meta.id, 'toolu_1')).toEqual(transcript);
		expect((await listSessions('project-sub')).map((s) => s.id)).toEqual([meta.id]);
		expect(await loadSessionEvents(meta.id)).toEqual([]);

		await deleteSession(meta.id);
		expect(await loadSubagentTranscript(meta.id, 'toolu_1')).toEqual([]);
	});
});
