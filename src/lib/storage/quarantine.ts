/**
 * Records that failed validation on the way out of IndexedDB. Each one is moved, with its key,
 * the reason and the time, to the quarantine store (nothing is destroyed: a later version or a
 * person with DevTools can still recover it), and counted for the notice the UI shows, so one
 * bad record never hides the project list or stops a project from opening.
 */
import { del, delMany, entries, set } from 'idb-keyval';
import { getStores, type KilnStores } from './stores';

/** What kind of record was set aside (one sentence of the notice per kind). */
export type RecordKind =
	| 'project'
	| 'file'
	| 'chat'
	| 'chat-event'
	| 'setting'
	| 'schema-version'
	| 'draft'
	| 'permission-rule'
	| 'checkpoint'
	| 'image';

export interface QuarantinedRecord {
	readonly kind: RecordKind;
	/** The store it came from (see DATABASE_NAMES). */
	readonly store: Exclude<keyof KilnStores, 'quarantine'>;
	readonly key: IDBValidKey;
	readonly value: unknown;
	/** Why it was refused, e.g. `name: Invalid input: expected string, received number`. */
	readonly reason: string;
	readonly at: number;
}

/** One line of the notice: how many records of a kind this page set aside. */
export interface SetAsideSummary {
	readonly kind: RecordKind;
	readonly count: number;
	/** What happened and what to do, for the person. */
	readonly message: string;
}

/** How a record is set aside when only part of it is bad (see setAside). */
export interface SetAsideOptions {
	/**
	 * What stays in the store instead of the record (its good part, e.g. the valid rules of a
	 * list); the whole record as it was still goes to the quarantine. Without it the record is
	 * removed from its store.
	 */
	readonly keep?: unknown;
	/** How many items of the record were bad, for the notice's count (1 when not given). */
	readonly items?: number;
}

/** Per record set aside this page ("store:key"): its kind and how many items it counts for. */
const seen = new Map<string, { kind: RecordKind; items: number }>();
const listeners = new Set<() => void>();

/**
 * Moves a record that failed validation to the quarantine store and reports it. Never throws:
 * when the move itself fails the record stays where it was and is still skipped by the reader.
 */
export async function setAside(
	record: Omit<QuarantinedRecord, 'at'>,
	options: SetAsideOptions = {},
	stores: KilnStores = getStores()
): Promise<void> {
	report(record.kind, record.store, record.key, options.items ?? 1);
	try {
		const at = Date.now();
		const id = `${at}-${record.store}-${crypto.randomUUID()}`;
		await set(id, { ...record, at } satisfies QuarantinedRecord, stores.quarantine);
		if (options.keep === undefined) await del(record.key, stores[record.store]);
		else await set(record.key, options.keep, stores[record.store]);
	} catch {
		// Left in place: it is skipped on every read and reported again after a reload.
	}
}

/** Everything set aside so far in this browser (newest last), for support and tests. */
export async function listQuarantined(): Promise<QuarantinedRecord[]> {
	const all = await entries<string, QuarantinedRecord>(getStores().quarantine);
	return all.sort(([a], [b]) => (a < b ? -1 : 1)).map(([, record]) => record);
}

/**
 * Deletes the quarantined records `belongs` picks (those of a project being deleted): kept for
 * recovery, but a project the person deleted must leave nothing of its own behind.
 */
export async function forgetQuarantined(
	belongs: (record: QuarantinedRecord) => boolean
): Promise<void> {
	const store = getStores().quarantine;
	const doomed = (await entries<string, QuarantinedRecord>(store))
		.filter(([, record]) => belongs(record))
		.map(([id]) => id);
	if (doomed.length > 0) await delMany(doomed, store);
}

/** What this page has set aside since it loaded (or since the notice was dismissed). */
export function setAsideSummaries(): SetAsideSummary[] {
	const counts = new Map<RecordKind, number>();
	for (const { kind, items } of seen.values()) counts.set(kind, (counts.get(kind) ?? 0) + items);
	return [...counts].map(([kind, count]) => ({ kind, count, message: messageFor(kind, count) }));
}

/** Calls `listener` whenever a record is set aside; returns the unsubscribe function. */
export function onSetAside(listener: () => void): () => void {
	listeners.add(listener);
	return () => listeners.delete(listener);
}

/** The person closed the notice: forget what it showed. */
export function dismissSetAside(): void {
	seen.clear();
	for (const listener of listeners) listener();
}

function report(kind: RecordKind, store: string, key: IDBValidKey, items: number): void {
	const id = `${store}:${JSON.stringify(key)}`;
	if (seen.has(id)) return;
	seen.set(id, { kind, items });
	for (const listener of listeners) listener();
}

function messageFor(kind: RecordKind, count: number): string {
	const one = count === 1;
	switch (kind) {
		case 'project':
			return `${count} ${one ? 'project' : 'projects'} could not be read and ${one ? 'was' : 'were'} set aside. Your other projects open as usual; create the missing one again or import it from an export.`;
		case 'file':
			return `${count} ${one ? 'file' : 'files'} could not be read and ${one ? 'was' : 'were'} set aside; the rest of the project opened. Restore ${one ? 'it' : 'them'} from an export, or recreate ${one ? 'it' : 'them'}.`;
		case 'chat':
			return `${count} ${one ? 'chat' : 'chats'} could not be read and ${one ? 'was' : 'were'} set aside. Your other chats are listed as usual; start a new chat to go on.`;
		case 'chat-event':
			return `${count} ${one ? 'message or tool result' : 'messages or tool results'} of a chat could not be read and ${one ? 'was' : 'were'} skipped; the rest of the chat is shown and the model will not see ${one ? 'it' : 'them'}. If the model seems confused, start a new chat.`;
		case 'setting':
			return `${count} saved ${one ? 'setting' : 'settings'} could not be read and ${one ? 'was' : 'were'} set aside. Open Settings and enter ${one ? 'it' : 'them'} again.`;
		case 'draft':
			return `${count} unsaved ${one ? 'draft' : 'drafts'} could not be read and ${one ? 'was' : 'were'} set aside; your other unsaved changes were restored. Check the open files and type what is missing again.`;
		case 'permission-rule':
			return `${count} saved permission ${one ? 'rule' : 'rules'} could not be read and ${one ? 'was' : 'were'} set aside; the other rules still apply. Open Settings, check the permission rules and add what is missing.`;
		case 'checkpoint':
			return `${count} ${one ? 'checkpoint' : 'checkpoints'} of your files could not be read and ${one ? 'was' : 'were'} set aside; your files and chats are not affected, but rewinding to ${one ? 'that turn' : 'those turns'} is no longer possible.`;
		case 'image':
			return `${count} ${one ? 'image' : 'images'} of a chat could not be read and ${one ? 'was' : 'were'} set aside; the model gets a note in ${one ? 'its' : 'their'} place. Attach ${one ? 'it' : 'them'} again if the model needs ${one ? 'it' : 'them'}.`;
		case 'schema-version':
			return 'The version of your saved data could not be read, so Kiln ran its upgrades again from the start. Check that your projects look right.';
	}
}

/** The sentence the notice ends with: where the data went. */
export const SET_ASIDE_WHERE =
	"What was set aside is kept in this browser's “kiln-quarantine” storage, not deleted.";
