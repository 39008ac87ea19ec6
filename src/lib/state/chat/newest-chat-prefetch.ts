/**
 * A project opens on its newest chat. Reading it is two IndexedDB reads one after the other (the
 * project's sessions, then the newest one's events: 2,000 of them for a long chat), 200–400 ms
 * on this machine, and they used to start only once the files were in the workspace and the
 * chat was created. prefetchNewestChat starts them with the project's other reads (early-open.ts)
 * and returns a store that answers the chat's first listSessions and sessionLog from them.
 */
import type { SessionLog } from '../../agent';
import { indexedDbStore, type ChatSessionStore, type SessionSummary } from './session-store';

export function prefetchNewestChat(
	projectId: string,
	base: ChatSessionStore = indexedDbStore
): ChatSessionStore {
	let list: Promise<readonly SessionSummary[]> | undefined = base.listSessions(projectId);
	let newest: { id: string; log: Promise<SessionLog> } | undefined;
	const prefetched = list.then(
		([first]) => {
			if (!first) return;
			newest = { id: first.id, log: base.sessionLog(first.id) };
			// Not read yet may mean never read: the chat reports a failure when it asks.
			newest.log.catch(() => {});
		},
		() => {} // the chat's own listSessions gets this rejection
	);
	return {
		...base,
		// Each prefetched answer is given once: a later call (the Sessions list, a reopened chat)
		// reads storage again, so it sees what changed since.
		listSessions(id) {
			const taken = id === projectId ? list : undefined;
			list = undefined;
			return taken ?? base.listSessions(id);
		},
		async sessionLog(id) {
			await prefetched;
			const taken = newest?.id === id ? newest.log : undefined;
			newest = undefined;
			return taken ?? base.sessionLog(id);
		}
	};
}
