/** A stored chat, read back as a document for export. */
import { getSession, loadSessionEvents } from '../storage';
import type { SessionSource } from './session-document';

export async function loadSessionSource(sessionId: string): Promise<SessionSource | undefined> {
	const meta = await getSession(sessionId);
	if (!meta) return undefined;
	const events = await loadSessionEvents(sessionId);
	return {
		title: meta.title,
		createdAt: meta.createdAt,
		provider: meta.provider,
		model: meta.model,
		events
	};
}
