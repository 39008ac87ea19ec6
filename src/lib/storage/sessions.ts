/**
 * Chat sessions: a small meta record per session and an append-only event log with one key
 * per event ([sessionId, seq]), so closing the tab at any moment loses at most the event being
 * written. Events hold what the model said and what the tools returned; API keys never reach
 * them (they live in settings and go only to the provider SDK).
 */
import { del, entries, setMany, get, promisifyRequest, set, type UseStore } from 'idb-keyval';
import type { ProviderId } from '../providers';
import type { SessionEvent, SessionLog } from '../session';
import { sessionEventSchema } from './event-schema';
import { openStorage } from './migrations';
import { listQuarantined, setAside } from './quarantine';
import { checkRecord, eventKeySchema, sessionMetaSchema } from './record-schemas';
import { getStores } from './stores';
import { checkedMeta } from './checked-meta';
import { deleteSessionCheckpoints } from './checkpoint-gc';
import { updateSessionMeta } from './session-meta';
// A chat's images (their store, validation and hashing) load with the first log opened, deleted
// or written, not with the IDE's first paint; sessionLog starts the load beside its reads.
const imageStore = () => import('./session-images');

export interface SessionMeta {
	readonly id: string;
	readonly projectId: string;
	/** From the first message; "New chat" until there is one. */
	readonly title: string;
	readonly provider: ProviderId;
	readonly model: string;
	readonly createdAt: number;
	readonly updatedAt: number;
}

export interface CreateSessionInput {
	provider: ProviderId;
	model: string;
	title?: string;
}

export const UNTITLED_SESSION = 'New chat';
const TITLE_MAX_CHARS = 60;
/** Between a session's id and a subagent's in the id of the subagent's transcript. */
const SUBAGENT_INFIX = '/subagent/';

type EventKey = [string, number];

interface SessionStores {
	readonly sessions: UseStore;
	readonly events: UseStore;
}

async function ready(): Promise<SessionStores> {
	await openStorage();
	const stores = getStores();
	return { sessions: stores.sessions, events: stores.sessionEvents };
}

let lastStamp = 0;

/** Date.now(), strictly increasing, so sessions changed in one millisecond still order. */
function stamp(): number {
	lastStamp = Math.max(Date.now(), lastStamp + 1);
	return lastStamp;
}

/** All of a session's events lie between [id] and [id, []] (arrays sort after numbers). */
function sessionRange(sessionId: string): IDBKeyRange {
	return IDBKeyRange.bound([sessionId], [sessionId, []]);
}

/** A one-line title from the first message. */
export function titleFromText(text: string): string {
	const line = text.trim().split('\n')[0]?.trim().replace(/\s+/g, ' ') ?? '';
	if (line === '') return UNTITLED_SESSION;
	const chars = Array.from(line);
	return chars.length <= TITLE_MAX_CHARS
		? line
		: `${chars
				.slice(0, TITLE_MAX_CHARS - 1)
				.join('')
				.trimEnd()}…`;
}

export async function createSession(
	projectId: string,
	input: CreateSessionInput
): Promise<SessionMeta> {
	const { sessions } = await ready();
	const now = stamp();
	const meta: SessionMeta = {
		id: crypto.randomUUID(),
		projectId,
		title: input.title?.trim() || UNTITLED_SESSION,
		provider: input.provider,
		model: input.model,
		createdAt: now,
		updatedAt: now
	};
	await set(meta.id, meta, sessions);
	return meta;
}

/** The stored meta when it is readable; otherwise it is set aside and counts as missing. */
function checkedSession(key: IDBValidKey, value: unknown): Promise<SessionMeta | undefined> {
	return checkedMeta<SessionMeta>(
		sessionMetaSchema,
		{ kind: 'chat', store: 'sessions' },
		key,
		value
	);
}

/** The project's readable sessions, most recently active first. */
export async function listSessions(projectId: string): Promise<SessionMeta[]> {
	const { sessions } = await ready();
	const all: SessionMeta[] = [];
	for (const [key, value] of await entries<IDBValidKey, unknown>(sessions)) {
		const meta = await checkedSession(key, value);
		if (meta?.projectId === projectId) all.push(meta);
	}
	return all.sort((a, b) => b.updatedAt - a.updatedAt || b.createdAt - a.createdAt);
}

export async function getSession(sessionId: string): Promise<SessionMeta | undefined> {
	const { sessions } = await ready();
	return checkedSession(sessionId, await get<unknown>(sessionId, sessions));
}

/** Writes one event. `seq` is its index in the session (0, 1, 2…). */
export async function appendSessionEvent(
	sessionId: string,
	seq: number,
	event: SessionEvent
): Promise<void> {
	const { events } = await ready();
	const key: EventKey = [sessionId, seq];
	await set(key, event, events);
}

/** The session's readable events in the order they were appended. */
export async function loadSessionEvents(sessionId: string): Promise<SessionEvent[]> {
	return (await loadEventLog(sessionId)).events;
}

/**
 * The readable events, and the seq the next append must use: one past the highest stored key,
 * not the number of events, so skipping an unreadable event never makes a later append land on
 * a key that is already taken.
 */
async function loadEventLog(
	sessionId: string
): Promise<{ events: SessionEvent[]; nextSeq: number }> {
	const { events: store } = await ready();
	const [keys, values] = await store('readonly', (objectStore) => {
		const range = sessionRange(sessionId);
		return Promise.all([
			promisifyRequest(objectStore.getAllKeys(range)),
			promisifyRequest(objectStore.getAll(range))
		]);
	});
	const events: SessionEvent[] = [];
	let nextSeq = 0;
	for (const [index, key] of keys.entries()) {
		const value: unknown = values[index];
		const checkedKey = checkRecord<EventKey>(eventKeySchema, key);
		if (checkedKey.ok) nextSeq = Math.max(nextSeq, checkedKey.value[1] + 1);
		const checked = checkedKey.ok
			? checkRecord<SessionEvent>(sessionEventSchema, value)
			: { ok: false as const, reason: `key ${checkedKey.reason}` };
		if (checked.ok) events.push(checked.value);
		else
			await setAside({
				kind: 'chat-event',
				store: 'sessionEvents',
				key,
				value,
				reason: checked.reason
			});
	}
	return { events, nextSeq };
}

/** Removes the session, its events, its subagents' transcripts and its checkpoints. */
export async function deleteSession(sessionId: string): Promise<void> {
	const { sessions, events } = await ready();
	// Meta first: once it is gone the session is gone for the person, whatever happens next.
	await del(sessionId, sessions);
	await events('readwrite', (store) => promisifyRequest(store.delete(sessionRange(sessionId))));
	const prefix = subagentTranscriptId(sessionId, '');
	const subagents = IDBKeyRange.bound([prefix], [`${prefix}\uffff`]);
	await events('readwrite', (store) => promisifyRequest(store.delete(subagents)));
	await deleteSessionCheckpoints(sessionId);
	await (await imageStore()).deleteSessionImages(sessionId);
}

/**
 * Where a subagent's transcript is kept: beside its parent session's events, under an id of
 * its own, with no SessionMeta, so it never shows up as a chat of its own.
 */
export function subagentTranscriptId(sessionId: string, subagentId: string): string {
	return `${sessionId}${SUBAGENT_INFIX}${subagentId}`;
}

export async function storeSubagentTranscript(
	sessionId: string,
	subagentId: string,
	transcript: readonly SessionEvent[]
): Promise<void> {
	const { events } = await ready();
	const id = subagentTranscriptId(sessionId, subagentId);
	await setMany(
		transcript.map((event, seq): [EventKey, SessionEvent] => [[id, seq], structuredClone(event)]),
		events
	);
}

export function loadSubagentTranscript(
	sessionId: string,
	subagentId: string
): Promise<SessionEvent[]> {
	return loadSessionEvents(subagentTranscriptId(sessionId, subagentId));
}

/** The session an event log belongs to: itself, or the parent of a subagent transcript. */
export function sessionOfLog(logId: string): string {
	const at = logId.indexOf(SUBAGENT_INFIX);
	return at === -1 ? logId : logId.slice(0, at);
}

/**
 * Removes every session of a project with its events and subagent transcripts (when the project
 * is deleted), and returns their ids. Unreadable ones too: a meta that names the project is
 * enough, and a chat whose meta was set aside still has its events here.
 */
export async function deleteProjectSessions(projectId: string): Promise<string[]> {
	const { sessions } = await ready();
	const ids = new Set<string>();
	for (const [key, value] of await entries<IDBValidKey, unknown>(sessions)) {
		if (typeof key === 'string' && namesProject(value, projectId)) ids.add(key);
	}
	for (const record of await listQuarantined()) {
		const { store, key, value } = record;
		if (store === 'sessions' && typeof key === 'string' && namesProject(value, projectId)) {
			ids.add(key);
		}
	}
	for (const id of ids) await deleteSession(id);
	return [...ids];
}

function namesProject(value: unknown, projectId: string): boolean {
	return (
		typeof value === 'object' &&
		value !== null &&
		(value as { projectId?: unknown }).projectId === projectId
	);
}

/**
 * The session as the agent loop writes it: existing events loaded, each append written
 * through before it resolves, and the meta kept current (title from the first message,
 * updatedAt on every event).
 */
export async function sessionLog(sessionId: string): Promise<SessionLog> {
	const [{ loadSessionImages, putSessionImage }, meta] = await Promise.all([
		imageStore(),
		getSession(sessionId)
	]);
	if (!meta) throw missingSession(sessionId);
	// Side by side: a long chat's events take a while to read, and its images wait on nothing.
	const [loaded, images] = await Promise.all([
		loadEventLog(sessionId),
		loadSessionImages(sessionId)
	]);
	const events = loaded.events;
	let nextSeq = loaded.nextSeq;
	let queue = Promise.resolve();

	const write = async (event: SessionEvent) => {
		const copy = structuredClone(event);
		await appendSessionEvent(sessionId, nextSeq, copy);
		nextSeq++;
		events.push(copy);
		// Read and written together: a rename made meanwhile is kept, a deleted chat stays deleted.
		await updateSessionMeta(sessionId, (current) => ({
			...current,
			...(current.title === UNTITLED_SESSION && event.type === 'user-message'
				? { title: titleFromText(event.text) }
				: {}),
			updatedAt: Math.max(stamp(), current.updatedAt + 1)
		}));
	};

	return {
		events,
		// Appends take turns so seq numbers never collide, even if a caller does not await.
		append(event) {
			const next = queue.then(() => write(event));
			queue = next.catch(() => {});
			return next;
		},
		async putImage(image) {
			const ref = await putSessionImage(sessionId, image);
			images.set(ref.hash, image.data);
			return ref;
		},
		image: (hash) => images.get(hash)
	};
}

function missingSession(sessionId: string): Error {
	return new Error(
		`Chat ${sessionId} no longer exists (it may have been deleted in another tab). ` +
			'Start a new chat.'
	);
}
