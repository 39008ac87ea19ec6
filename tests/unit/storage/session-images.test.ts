import 'fake-indexeddb/auto';
import { entries, set } from 'idb-keyval';
import { beforeEach, describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../../src/lib/agent';
import {
	branchSession,
	createProject,
	createSession,
	deleteProject,
	deleteSession,
	loadSessionEvents,
	putSessionImage,
	sessionEventSchema,
	sessionLog,
	setAsideSummaries
} from '../../../src/lib/storage';
import { getStores } from '../../../src/lib/storage/stores';
import { RED_PNG, SMALL_PNG } from '../fixtures/images';
import { freshIndexedDb } from './reset';

beforeEach(freshIndexedDb);

const model = { provider: 'anthropic' as const, model: 'claude-test' };

async function storedImageKeys(): Promise<IDBValidKey[]> {
	return (await entries(getStores().images)).map(([key]) => key);
}

describe('chat images in storage', () => {
	it('stores one blob per distinct image however many chats and messages hold it', async () => {
		const a = await createSession('p1', model);
		const b = await createSession('p1', model);
		const logA = await sessionLog(a.id);
		const logB = await sessionLog(b.id);
		const first = await logA.putImage(RED_PNG);
		const again = await logA.putImage(RED_PNG);
		await logB.putImage(RED_PNG);
		const other = await logB.putImage(SMALL_PNG);
		expect(again).toEqual(first);
		expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
		expect(first.bytes).toBe(atob(RED_PNG.data).length);
		expect((await storedImageKeys()).sort()).toEqual([first.hash, other.hash].sort());
	});

	it('reads a chat’s images back after a reload, with the events that name them', async () => {
		const session = await createSession('p1', model);
		const log = await sessionLog(session.id);
		const ref = await log.putImage(RED_PNG);
		await log.append({ type: 'user-message', id: 'u', at: 1, text: 'look', images: [ref] });
		const reopened = await sessionLog(session.id);
		expect(reopened.events[0]).toMatchObject({ images: [ref] });
		expect(reopened.image(ref.hash)).toBe(RED_PNG.data);
	});

	it('sets aside an image whose bytes do not match their hash; the chat still opens', async () => {
		const session = await createSession('p1', model);
		const log = await sessionLog(session.id);
		const good = await log.putImage(SMALL_PNG);
		const bad = await log.putImage(RED_PNG);
		await set(
			bad.hash,
			{ mediaType: 'image/png', width: 4, height: 3, data: new Uint8Array([1, 2, 3]) },
			getStores().images
		);
		const reopened = await sessionLog(session.id);
		expect(reopened.image(good.hash)).toBe(SMALL_PNG.data);
		expect(reopened.image(bad.hash)).toBeUndefined();
		expect(setAsideSummaries().map((summary) => summary.kind)).toContain('image');
		expect(await storedImageKeys()).toEqual([good.hash]);
	});

	it('deletes an image with the last chat that holds it, and keeps it while a branch does', async () => {
		const session = await createSession('p1', model);
		const log = await sessionLog(session.id);
		const ref = await log.putImage(RED_PNG);
		await log.append({ type: 'user-message', id: 'u', at: 1, text: 'look', images: [ref] });
		const branch = await branchSession(session.id, 1, 'Branch');
		await deleteSession(session.id);
		expect(await storedImageKeys()).toEqual([ref.hash]);
		expect((await sessionLog(branch.id)).image(ref.hash)).toBe(RED_PNG.data);
		await deleteSession(branch.id);
		expect(await storedImageKeys()).toEqual([]);
		expect(await entries(getStores().imageRefs)).toEqual([]);
	});

	it('deletes a project’s chat images with the project, not another project’s', async () => {
		const mine = await createProject({ name: 'Mine', files: {}, template: 'blank' });
		const theirs = await createProject({ name: 'Theirs', files: {}, template: 'blank' });
		const a = await createSession(mine.id, model);
		const b = await createSession(theirs.id, model);
		await putSessionImage(a.id, RED_PNG);
		const kept = await putSessionImage(b.id, SMALL_PNG);
		await deleteProject(mine.id);
		expect(await storedImageKeys()).toEqual([kept.hash]);
	});

	it('refuses what is not an image before storing anything', async () => {
		const session = await createSession('p1', model);
		await expect(
			putSessionImage(session.id, { ...RED_PNG, mediaType: 'image/svg+xml' as 'image/png' })
		).rejects.toThrow(/PNG, JPEG, WebP or GIF/);
		await expect(putSessionImage(session.id, { ...RED_PNG, width: 0 })).rejects.toThrow(
			/whole pixels/
		);
		expect(await storedImageKeys()).toEqual([]);
	});
});

describe('image references in stored events', () => {
	const ref = {
		hash: 'a'.repeat(64),
		mediaType: 'image/png',
		width: 10,
		height: 5,
		bytes: 100
	};
	const message = (images: unknown) => ({
		type: 'user-message',
		id: 'u',
		at: 1,
		text: 'look',
		images
	});

	it('accepts well-formed references on messages and tool results', () => {
		expect(sessionEventSchema.safeParse(message([ref])).success).toBe(true);
		const result = {
			type: 'tool-result',
			at: 1,
			toolCallId: 'c',
			name: 'preview',
			ok: true,
			output: '',
			images: [ref],
			durationMs: 1
		};
		expect(sessionEventSchema.safeParse(result).success).toBe(true);
	});

	it('refuses a bad hash, an unknown format, a non-integer size or inlined data', () => {
		for (const bad of [
			{ ...ref, hash: 'not-a-hash' },
			{ ...ref, mediaType: 'image/svg+xml' },
			{ ...ref, width: 1.5 },
			{ ...ref, height: -1 },
			'data:image/png;base64,AAAA'
		]) {
			expect(sessionEventSchema.safeParse(message([bad])).success).toBe(false);
		}
	});

	it('skips a stored event with a bad reference and opens the rest', async () => {
		const session = await createSession('p1', model);
		const log = await sessionLog(session.id);
		await log.append({ type: 'user-message', id: 'ok', at: 1, text: 'fine' });
		await set([session.id, 1], message([{ ...ref, hash: 'zz' }]), getStores().sessionEvents);
		const events: SessionEvent[] = await loadSessionEvents(session.id);
		expect(events.map((event) => (event.type === 'user-message' ? event.id : ''))).toEqual(['ok']);
	});
});
