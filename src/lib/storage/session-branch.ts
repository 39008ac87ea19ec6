/**
 * Branching a chat (rewind): the conversation up to a message becomes a chat of its own, and
 * the whole original stays as it was, so nothing said is ever lost. Logs stay append-only: the
 * branch is a copy of the original's first events, never a cut of the original.
 */
import { promisifyRequest, set } from 'idb-keyval';
import type { SessionEvent } from '../session';
import { openStorage } from './migrations';
import {
	getSession,
	loadSessionEvents,
	loadSubagentTranscript,
	storeSubagentTranscript,
	type SessionMeta
} from './sessions';
import { getStores } from './stores';

export interface BranchedSessionMeta extends SessionMeta {
	/** The chat this one was branched from (by a rewind). */
	readonly branchedFrom?: string;
}

/**
 * A new chat holding the first `eventCount` readable events of `sessionId`, titled `title`, and
 * newer than every other chat (so it is the one a reload opens). Events are written before the
 * meta: a crash in between leaves events no chat lists, never a chat with missing events.
 */
export async function branchSession(
	sessionId: string,
	eventCount: number,
	title: string
): Promise<BranchedSessionMeta> {
	await openStorage();
	const source = await getSession(sessionId);
	if (!source) throw new Error('That chat no longer exists. Open it again from Sessions.');
	const events = (await loadSessionEvents(sessionId)).slice(0, eventCount);
	const id = crypto.randomUUID();
	await getStores().sessionEvents('readwrite', (store) => {
		events.forEach((event: SessionEvent, seq) => store.put(event, [id, seq]));
		return promisifyRequest(store.transaction);
	});
	// The task cards of the copied turns open their subagents' transcripts from the branch too.
	for (const event of events) {
		const subagent = event.type === 'tool-result' ? event.metadata?.subagent?.id : undefined;
		if (subagent === undefined) continue;
		const transcript = await loadSubagentTranscript(sessionId, subagent);
		if (transcript.length > 0) await storeSubagentTranscript(id, subagent, transcript);
	}
	// The copied events name the original's images: the branch holds them too.
	// (Their store's code is loaded here, not with the IDE: see sessions.ts.)
	const { copySessionImageRefs } = await import('./session-images');
	await copySessionImageRefs(sessionId, id);
	const now = Math.max(Date.now(), source.updatedAt + 1);
	const meta: BranchedSessionMeta = {
		...source,
		id,
		title,
		createdAt: now,
		updatedAt: now,
		branchedFrom: sessionId
	};
	await set(id, meta, getStores().sessions);
	return meta;
}

/**
 * Gives a chat another title. `touch` also makes it the most recently active chat (so a reload
 * opens it); otherwise its place in the Sessions list stays.
 */
export async function retitleSession(
	sessionId: string,
	title: string,
	{ touch = false }: { touch?: boolean } = {}
): Promise<void> {
	await openStorage();
	const meta = await getSession(sessionId);
	if (!meta) throw new Error('That chat no longer exists. Open it again from Sessions.');
	const updatedAt = touch ? Math.max(Date.now(), meta.updatedAt + 1) : meta.updatedAt;
	await set(sessionId, { ...meta, title, updatedAt }, getStores().sessions);
}
