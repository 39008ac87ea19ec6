import type { ChatSessionStore, SessionSummary } from './session-store';

/** What deleting a chat needs of the chat panel. */
interface OpenChat {
	readonly projectId: string;
	readonly sessionId: string | null;
	openSession(id: string): Promise<void>;
	newSession(): void;
}

/** The project's chats as the Sessions list works with them: list, rename, delete. */
export class ChatSessionList {
	readonly #chat: OpenChat;
	readonly #store: ChatSessionStore;

	constructor(chat: OpenChat, store: ChatSessionStore) {
		this.#chat = chat;
		this.#store = store;
	}

	/** The project's chats, most recently active first. */
	list(): Promise<readonly SessionSummary[]> {
		return this.#store.listSessions(this.#chat.projectId);
	}

	rename(id: string, title: string): Promise<void> {
		return renameChat(this.#store, id, title);
	}

	/** Deletes a chat; if it is the open one, the next newest opens (or a new chat). */
	delete(id: string): Promise<void> {
		return deleteChat(this.#chat, this.#store, id);
	}
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
