import { get, promisifyRequest, set } from 'idb-keyval';
import { setAside } from './quarantine';
import { checkRecord, schemaVersionSchema } from './record-schemas';
import { closeStoreConnections, getStores, type KilnStores } from './stores';

/**
 * One step of the saved-data schema. Steps run in `version` order, each exactly once per
 * browser profile; the version reached is stored after every step, so an interrupted upgrade
 * resumes where it stopped.
 */
export interface Migration {
	readonly version: number;
	readonly description: string;
	run(stores: KilnStores): Promise<void>;
}

const SCHEMA_VERSION_KEY = 'schemaVersion';

/** Append new steps at the end; never edit or reorder a released one. */
export const migrations: readonly Migration[] = [
	{
		version: 1,
		description: 'Create the projects, project files, settings and meta stores',
		// The stores themselves are created when their databases first open.
		run: async () => {}
	},
	{
		version: 2,
		description: 'Record when each project was last opened (the project list is sorted by it)',
		// Until now the list was sorted by updatedAt, which opening a project also moved.
		run: (stores) =>
			stores.projects('readwrite', (store) => {
				// Written in the read's callback, while the transaction is sure to be active.
				const cursor = store.openCursor();
				cursor.onsuccess = () => {
					const at = cursor.result;
					if (!at) return;
					const meta: unknown = at.value;
					if (
						meta &&
						typeof meta === 'object' &&
						(meta as { openedAt?: unknown }).openedAt === undefined &&
						typeof (meta as { updatedAt?: unknown }).updatedAt === 'number'
					) {
						at.update({ ...meta, openedAt: (meta as { updatedAt: number }).updatedAt });
					}
					at.continue();
				};
				return promisifyRequest(store.transaction);
			})
	}
];

export const CURRENT_SCHEMA_VERSION = migrations.at(-1)?.version ?? 0;

/**
 * The stored schema version. One that cannot be read is set aside and counts as 0: every step
 * runs again, which is why steps must be safe to repeat on data that already has them.
 */
export async function getSchemaVersion(stores: KilnStores = getStores()): Promise<number> {
	const stored = await get<unknown>(SCHEMA_VERSION_KEY, stores.meta);
	if (stored === undefined) return 0;
	const checked = checkRecord<number>(schemaVersionSchema, stored);
	if (checked.ok) return checked.value;
	await setAside(
		{
			kind: 'schema-version',
			store: 'meta',
			key: SCHEMA_VERSION_KEY,
			value: stored,
			reason: checked.reason
		},
		{},
		stores
	);
	return 0;
}

/** Runs the steps of `list` above the stored version, in order. Returns the version reached. */
export async function runMigrations(
	list: readonly Migration[],
	stores: KilnStores = getStores()
): Promise<number> {
	const ordered = [...list].sort((a, b) => a.version - b.version);
	for (let i = 1; i < ordered.length; i++) {
		if (ordered[i]!.version === ordered[i - 1]!.version) {
			throw new Error(`Two storage migrations share version ${ordered[i]!.version}.`);
		}
	}
	const latest = ordered.at(-1)?.version ?? 0;
	let version = await getSchemaVersion(stores);
	if (version > latest) {
		throw new Error(
			`Your saved projects were written by a newer version of Kiln (schema ${version}, this page ` +
				`knows ${latest}). Reload the page to get the latest version.`
		);
	}
	for (const migration of ordered) {
		if (migration.version <= version) continue;
		try {
			await migration.run(stores);
		} catch (cause) {
			throw new Error(
				`Kiln could not upgrade your saved data (step ${migration.version}: ` +
					`${migration.description}). Reload the page to try again.`,
				{ cause }
			);
		}
		await set(SCHEMA_VERSION_KEY, migration.version, stores.meta);
		version = migration.version;
	}
	return version;
}

let opening: Promise<void> | undefined;

/**
 * Opens the databases and brings them to the current schema. Every storage function awaits it,
 * so calling it early (at app start) only moves the wait forward. Two tabs opening at once take
 * turns through a Web Lock where the browser has one.
 */
export function openStorage(): Promise<void> {
	if (!opening) {
		opening = migrateIfBehind(getStores()).then(
			() => {},
			(error: unknown) => {
				opening = undefined;
				throw error;
			}
		);
	}
	return opening;
}

/** Closes the connections; the next storage call opens and migrates again. */
export async function closeStorage(): Promise<void> {
	const pending = opening;
	opening = undefined;
	await pending?.catch(() => {});
	await closeStoreConnections();
}

/**
 * Nearly every page finds its data current: one read then, and no lock. Taking the lock is a round
 * trip to the browser whose answer waits for a free main thread, and it stood before every read
 * of a project while the IDE's code was busy loading. Versions only rise, so data found current
 * stays current; behind, the steps run under the lock, which reads the version again.
 */
async function migrateIfBehind(stores: KilnStores): Promise<void> {
	if ((await getSchemaVersion(stores)) === CURRENT_SCHEMA_VERSION) return;
	await withMigrationLock(() => runMigrations(migrations, stores));
}

async function withMigrationLock<T>(task: () => Promise<T>): Promise<T> {
	const locks = globalThis.navigator?.locks;
	if (!locks) return task();
	return locks.request('kiln-storage-migrations', task);
}
