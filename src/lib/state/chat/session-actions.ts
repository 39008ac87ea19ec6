import type { ChatSessionStore, SessionSummary } from './session-store';

/** What deleting a chat needs of the chat panel. */
interface OpenChat {
	readonly projectId: string;
	readonly sessionId: string | null;
	openSession(id: string): Promise<void>;
	newSession(): void;
}

function unsupported(what: string): Error {
	return new Error(`This chat store cannot ${what} chats.`);
}

export async function renameChat(
	store: ChatSessionStore,
	id: string,
	title: string
): Promise<void> {
	if (!store.renameSession) throw unsupported('rename');
	await store.renameSession(id, title);
}

/**
 * Deletes a chat. When it is the open one, the next newest chat opens instead, or a new chat
 * when none is left, so the panel never shows a chat that no longer exists.
 */
export async function deleteChat(
	chat: OpenChat,
	store: ChatSessionStore,
	id: string
): Promise<void> {
	if (!store.deleteSession) throw unsupported('delete');
	const wasOpen = chat.sessionId === id;
	await store.deleteSession(id);
	if (!wasOpen) return;
	const [next]: readonly SessionSummary[] = await store.listSessions(chat.projectId);
	if (next) await chat.openSession(next.id);
	else chat.newSession();
}
