import type { SessionLog } from '../../agent';
import type { SessionEvent } from '../../agent';
import type { ProviderConfig } from '../../providers';
import {
	createSession,
	deleteSession,
	listSessions,
	sessionLog,
	storeSubagentTranscript,
	type SessionMeta
} from '../../storage';
import { renameSession } from '../../storage';

/** A past chat as the Sessions list shows it. */
export type SessionSummary = Pick<SessionMeta, 'id'> &
	Partial<Pick<SessionMeta, 'title' | 'model' | 'provider' | 'createdAt' | 'updatedAt'>>;

/** Where chats are kept; the app uses IndexedDB (storage/sessions), tests may pass memory. */
export interface ChatSessionStore {
	createSession(
		projectId: string,
		input: { provider: ProviderConfig['provider']; model: string; title?: string }
	): Promise<Pick<SessionMeta, 'id'>>;
	/** Most recently active first. */
	listSessions(projectId: string): Promise<readonly SessionSummary[]>;
	sessionLog(sessionId: string): Promise<SessionLog>;
	/** Renames a chat (absent from stores that cannot). */
	renameSession?(sessionId: string, title: string): Promise<unknown>;
	/** Deletes a chat with its events (absent from stores that cannot). */
	deleteSession?(sessionId: string): Promise<void>;
	/** Keeps a subagent's transcript beside its parent session. */
	storeSubagentTranscript?(
		sessionId: string,
		subagentId: string,
		events: readonly SessionEvent[]
	): Promise<void>;
}

/** The store the app uses when none is passed. */
export const indexedDbStore: ChatSessionStore = {
	createSession,
	listSessions,
	sessionLog,
	storeSubagentTranscript,
	renameSession,
	deleteSession
};
