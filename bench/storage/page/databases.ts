/**
 * Every run starts from empty databases: Kiln's and the bare baseline's connections are closed
 * and every database of the origin is deleted (whatever stores other branches add included).
 */
import { createStore, get, type UseStore } from 'idb-keyval';
import { closeStorage, loadProjectSnapshot } from '$lib/storage';

const BARE_DATABASE = 'bench-bare-idb-keyval';
const DELETE_TIMEOUT_MS = 15_000;

let bare: UseStore | undefined;

/** The bare baseline's store: idb-keyval's own database, as a plain app would use it. */
export function bareStore(): UseStore {
	bare ??= createStore(BARE_DATABASE, 'files');
	return bare;
}

async function closeBare(): Promise<void> {
	const open = bare;
	bare = undefined;
	await open?.('readonly', (store) => store.transaction.db.close()).catch(() => {});
}

function deleteDatabase(name: string): Promise<void> {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(
			() =>
				reject(
					new Error(
						`Deleting database ${name} stayed blocked for ${DELETE_TIMEOUT_MS / 1000} s: ` +
							'a connection was left open (close it in databases.ts).'
					)
				),
			DELETE_TIMEOUT_MS
		);
		const request = indexedDB.deleteDatabase(name);
		// Kiln notes a project's size and edit time after each save without being awaited, so a
		// note can reopen storage after the side closed it: close again (the delete then goes on).
		request.onblocked = () => void closeStorage();
		request.onsuccess = () => {
			clearTimeout(timer);
			resolve();
		};
		request.onerror = () => {
			clearTimeout(timer);
			reject(request.error ?? new Error(`Could not delete database ${name}.`));
		};
	});
}

export async function resetDatabases(): Promise<void> {
	await closeStorage();
	await closeBare();
	const databases = await indexedDB.databases();
	for (const { name } of databases) if (name) await deleteDatabase(name);
	(globalThis as { gc?: () => void }).gc?.();
}

/** Closes and reopens both sides, as a page opened afresh would, outside the timed part. */
export async function reopenDatabases(): Promise<void> {
	await closeStorage();
	await closeBare();
	await warmUp();
}

/** Opens the connections (and runs Kiln's migrations) so no timing includes opening. */
export async function warmUp(): Promise<void> {
	await loadProjectSnapshot('bench-warm-up');
	await get('bench-warm-up', bareStore());
}
