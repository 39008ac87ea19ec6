import { describe, expect, it } from 'vitest';
import type { SessionLog } from '../../../../src/lib/agent';
import { prefetchNewestChat } from '../../../../src/lib/state/chat/newest-chat-prefetch';
import type {
	ChatSessionStore,
	SessionSummary
} from '../../../../src/lib/state/chat/session-store';

/** A store over fixed sessions that counts its reads; each log read is a new object. */
function countingStore(sessions: SessionSummary[], fail: { list?: Error; log?: Error } = {}) {
	const reads = { lists: 0, logs: [] as string[] };
	const store: ChatSessionStore = {
		createSession: async () => ({ id: 'created' }),
		async listSessions() {
			reads.lists++;
			if (fail.list) throw fail.list;
			return sessions;
		},
		async sessionLog(id) {
			reads.logs.push(id);
			if (fail.log) throw fail.log;
			return { events: [], append: async () => {} } as unknown as SessionLog;
		}
	};
	return { store, reads };
}

describe('prefetchNewestChat', () => {
	it('reads the newest chat at once and answers the chat’s first calls from those reads', async () => {
		const { store, reads } = countingStore([{ id: 'newest' }, { id: 'older' }]);
		const prefetching = prefetchNewestChat('project', store);
		// Started before the chat asks for anything.
		expect(reads.lists).toBe(1);
		const [first] = await prefetching.listSessions('project');
		expect(first?.id).toBe('newest');
		expect(reads.logs).toEqual(['newest']);
		const log = await prefetching.sessionLog('newest');
		expect(log.events).toEqual([]);
		expect(reads).toEqual({ lists: 1, logs: ['newest'] });
	});

	it('reads storage again for every later call, so they see what changed since', async () => {
		const { store, reads } = countingStore([{ id: 'newest' }]);
		const prefetching = prefetchNewestChat('project', store);
		await prefetching.listSessions('project');
		const first = await prefetching.sessionLog('newest');
		await prefetching.listSessions('project');
		const again = await prefetching.sessionLog('newest');
		expect(again).not.toBe(first);
		expect(reads).toEqual({ lists: 2, logs: ['newest', 'newest'] });
	});

	it('opens another chat, or another project’s list, from storage', async () => {
		const { store, reads } = countingStore([{ id: 'newest' }, { id: 'older' }]);
		const prefetching = prefetchNewestChat('project', store);
		await prefetching.sessionLog('older');
		await prefetching.listSessions('elsewhere');
		expect(reads.logs).toEqual(['newest', 'older']);
		expect(reads.lists).toBe(2);
	});

	it('reads no log for a project without chats', async () => {
		const { store, reads } = countingStore([]);
		const prefetching = prefetchNewestChat('project', store);
		expect(await prefetching.listSessions('project')).toEqual([]);
		expect(reads.logs).toEqual([]);
	});

	it('hands a failed read to the call that asks for it', async () => {
		const list = countingStore([], { list: new Error('The list could not be read.') });
		await expect(prefetchNewestChat('project', list.store).listSessions('project')).rejects.toThrow(
			'The list could not be read.'
		);
		const log = countingStore([{ id: 'newest' }], { log: new Error('The log is unreadable.') });
		const prefetching = prefetchNewestChat('project', log.store);
		await expect(prefetching.sessionLog('newest')).rejects.toThrow('The log is unreadable.');
	});
});
