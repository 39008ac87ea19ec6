import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { indexedDbStore } from '../../../../src/lib/state/chat/session-store';
import { deleteChat, renameChat } from '../../../../src/lib/state/chat/session-actions';
import { createSession, getSession, listSessions } from '../../../../src/lib/storage';
import { freshIndexedDb } from '../../storage/reset';

beforeEach(freshIndexedDb);

/** The chat panel as deleteChat sees it: which chat is open, and what it opened next. */
function openChat(projectId: string, sessionId: string | null) {
	const chat = {
		projectId,
		sessionId,
		opened: [] as string[],
		newChats: 0,
		openSession: async (id: string) => {
			chat.sessionId = id;
			chat.opened.push(id);
		},
		newSession: () => {
			chat.sessionId = null;
			chat.newChats++;
		}
	};
	return chat;
}

const input = { provider: 'anthropic' as const, model: 'm' };

describe('deleting and renaming chats', () => {
	it('opens the next newest chat when the open one is deleted, then a new chat', async () => {
		const older = await createSession('p', input);
		const newer = await createSession('p', input);
		const chat = openChat('p', newer.id);
		await deleteChat(chat, indexedDbStore, newer.id);
		expect(chat.opened).toEqual([older.id]);
		expect(await getSession(newer.id)).toBeUndefined();
		await deleteChat(chat, indexedDbStore, older.id);
		expect(chat.newChats).toBe(1);
		expect(chat.sessionId).toBeNull();
		expect(await listSessions('p')).toEqual([]);
	});

	it('leaves the open chat open when another one is deleted', async () => {
		const other = await createSession('p', input);
		const open = await createSession('p', input);
		const chat = openChat('p', open.id);
		await deleteChat(chat, indexedDbStore, other.id);
		expect(chat.opened).toEqual([]);
		expect(chat.sessionId).toBe(open.id);
		expect((await listSessions('p')).map((s) => s.id)).toEqual([open.id]);
	});

	it('renames through the store', async () => {
		const session = await createSession('p', input);
		await renameChat(indexedDbStore, session.id, 'Renamed');
		expect((await getSession(session.id))?.title).toBe('Renamed');
	});
});
