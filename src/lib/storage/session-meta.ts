import { readModifyWrite } from './read-modify-write';
import { openStorage } from './migrations';
import { getStores } from './stores';
import type { SessionMeta } from './sessions';

export const SESSION_TITLE_MAX_CHARS = 120;

/**
 * Changes a chat's stored meta in one transaction (read and write together), so the agent's
 * updates and a rename at the same moment never undo each other. Resolves to undefined when the
 * chat is gone: a deleted chat is never brought back by a late write.
 */
export async function updateSessionMeta(
	sessionId: string,
	change: (meta: SessionMeta) => SessionMeta
): Promise<SessionMeta | undefined> {
	await openStorage();
	return readModifyWrite(getStores().sessions, sessionId, (stored) =>
		stored && typeof stored === 'object' ? change(stored as SessionMeta) : undefined
	);
}

/** What is wrong with a chat title a person typed, in words, or null when it is fine. */
export function sessionTitleProblem(title: string): string | null {
	const trimmed = title.trim();
	if (trimmed === '') return 'Type a name for the chat.';
	if (Array.from(trimmed).length > SESSION_TITLE_MAX_CHARS) {
		return `Use at most ${SESSION_TITLE_MAX_CHARS} characters.`;
	}
	// eslint-disable-next-line no-control-regex
	if (/[\u0000-\u001f\u007f]/.test(trimmed)) return 'Use a name without line breaks or tabs.';
	return null;
}

/** Renames a chat (the title the Sessions list shows); its events are untouched. */
export async function renameSession(sessionId: string, title: string): Promise<SessionMeta> {
	const problem = sessionTitleProblem(title);
	if (problem) throw new Error(`That name cannot be used. ${problem}`);
	const renamed = await updateSessionMeta(sessionId, (meta) => ({ ...meta, title: title.trim() }));
	if (!renamed) {
		throw new Error(
			'That chat no longer exists (it may have been deleted in another tab). Close Sessions and open it again.'
		);
	}
	return renamed;
}
