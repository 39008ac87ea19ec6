import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import {
	createSession,
	deleteSession,
	getSession,
	listSessions,
	loadSessionEvents,
	renameSession,
	sessionLog
} from '../../../src/lib/storage';
import { freshIndexedDb } from './reset';

beforeEach(freshIndexedDb);

describe('renaming and deleting a chat', () => {
	it('renames a chat, refuses a bad name, and keeps the rename when the agent writes on', async () => {
		const chat = await createSession('p1', { provider: 'anthropic', model: 'm' });
		const log = await sessionLog(chat.id);
		await log.append({ type: 'user-message', id: 'u1', at: 1, text: 'First question' });
		expect((await getSession(chat.id))?.title).toBe('First question');
		expect((await renameSession(chat.id, '  Login bug ')).title).toBe('Login bug');
		await log.append({ type: 'user-message', id: 'u2', at: 2, text: 'Another' });
		expect((await getSession(chat.id))?.title).toBe('Login bug');
		await expect(renameSession(chat.id, ' ')).rejects.toThrow(/Type a name/);
		await expect(renameSession('nope', 'x')).rejects.toThrow(/no longer exists/);
		expect(await loadSessionEvents(chat.id)).toHaveLength(2);
	});

	it('deletes one chat with its events, and a late write does not bring it back', async () => {
		const doomed = await createSession('p1', { provider: 'anthropic', model: 'm' });
		const kept = await createSession('p1', { provider: 'anthropic', model: 'm' });
		const log = await sessionLog(doomed.id);
		await log.append({ type: 'user-message', id: 'u1', at: 1, text: 'hi' });
		await deleteSession(doomed.id);
		await log.append({ type: 'user-message', id: 'u2', at: 2, text: 'late' });
		expect((await listSessions('p1')).map((s) => s.id)).toEqual([kept.id]);
		expect(await getSession(doomed.id)).toBeUndefined();
	});
});
