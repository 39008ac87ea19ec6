import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../../src/lib/agent/types';
import {
	appendSessionEvent,
	branchSession,
	createSession,
	listSessions,
	loadSessionEvents,
	loadSubagentTranscript,
	retitleSession,
	storeSubagentTranscript
} from '../../../src/lib/storage';
import { freshIndexedDb } from './reset';

beforeEach(freshIndexedDb);

const message = (text: string): SessionEvent => ({ type: 'user-message', id: text, at: 1, text });
const taskResult: SessionEvent = {
	type: 'tool-result',
	at: 2,
	toolCallId: 't1',
	name: 'task',
	ok: true,
	output: 'report',
	durationMs: 1,
	metadata: {
		subagent: {
			id: 'sub1',
			agent: 'explore',
			description: 'look',
			reason: 'done',
			steps: 1,
			model: 'm',
			usage: { inputTokens: 1, outputTokens: 1, cacheReadTokens: 0, cacheWriteTokens: 0 }
		}
	}
};

describe('branchSession', () => {
	it('copies the first events and their subagent transcripts into the newest chat', async () => {
		const chat = await createSession('p1', { provider: 'anthropic', model: 'm', title: 'Ask' });
		const events = [message('one'), taskResult, message('two')];
		for (const [seq, event] of events.entries()) await appendSessionEvent(chat.id, seq, event);
		await storeSubagentTranscript(chat.id, 'sub1', [message('delegated')]);

		await retitleSession(chat.id, 'Ask (before rewind)');
		const branch = await branchSession(chat.id, 2, 'Ask');

		expect(await loadSessionEvents(branch.id)).toEqual(events.slice(0, 2));
		expect(await loadSubagentTranscript(branch.id, 'sub1')).toEqual([message('delegated')]);
		expect(await loadSessionEvents(chat.id)).toEqual(events);
		expect((await listSessions('p1')).map((s) => s.title)).toEqual(['Ask', 'Ask (before rewind)']);
		expect(branch.branchedFrom).toBe(chat.id);

		// touch: the original becomes the chat a reload opens.
		await retitleSession(chat.id, 'Ask', { touch: true });
		expect((await listSessions('p1'))[0]?.id).toBe(chat.id);
	});
});
