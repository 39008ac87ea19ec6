/**
 * Kiln's IndexedDB as a page sees it, read raw (not through the app, whose readers repair and
 * set aside what they find): what a crash left behind, before anything tidies it.
 */
import type { Page } from '@playwright/test';

/** A stored value in a form that survives the trip out of the page. */
export type RawValue =
	| { readonly text: string }
	| { readonly hex: string }
	| { readonly json: unknown }
	| { readonly unreadable: string };

export interface RawRecord {
	readonly key: unknown;
	readonly value: unknown;
}

/** Every record of one store of one database (none when the database does not exist yet). */
export function readStore(page: Page, database: string, store: string): Promise<RawRecord[]> {
	return page.evaluate(
		async ({ database, store }) => {
			const names = (await indexedDB.databases()).map((db) => db.name);
			// Opening a database that does not exist would create it, without its store.
			if (!names.includes(database)) return [];
			const db = await new Promise<IDBDatabase>((resolve, reject) => {
				const request = indexedDB.open(database);
				request.onsuccess = () => resolve(request.result);
				request.onerror = () => reject(request.error);
			});
			try {
				if (!db.objectStoreNames.contains(store)) return [];
				const objectStore = db.transaction(store).objectStore(store);
				const [keys, values] = await Promise.all(
					[objectStore.getAllKeys(), objectStore.getAll()].map(
						(request) =>
							new Promise<unknown[]>((resolve, reject) => {
								request.onsuccess = () => resolve(request.result as unknown[]);
								request.onerror = () => reject(request.error);
							})
					)
				);
				// Bytes do not survive page.evaluate as bytes: spell them as hex.
				const portable = (value: unknown): unknown => {
					if (value instanceof Uint8Array) {
						return { __bytes: Array.from(value, (b) => b.toString(16).padStart(2, '0')).join('') };
					}
					if (Array.isArray(value)) return value.map(portable);
					if (value && typeof value === 'object') {
						return Object.fromEntries(
							Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, portable(v)])
						);
					}
					return value;
				};
				return keys!.map((key, index) => ({ key, value: portable(values![index]) }));
			} finally {
				db.close();
			}
		},
		{ database, store }
	);
}

/**
 * Holds a readwrite transaction on `store` open until the page dies, so every write the app
 * starts on it queues behind ours: a deterministic "the save is in flight" for a crash point.
 * Resolves once the lock is held.
 */
export async function holdStore(page: Page, database: string, store: string): Promise<void> {
	await page.evaluate(
		({ database, store }) =>
			new Promise<void>((resolve, reject) => {
				const request = indexedDB.open(database);
				request.onerror = () => reject(request.error);
				request.onsuccess = () => {
					const objectStore = request.result.transaction(store, 'readwrite').objectStore(store);
					// A transaction stays alive while it has requests pending: keep one in flight.
					const spin = (first: boolean) => {
						const get = objectStore.count();
						get.onsuccess = () => {
							if (first) resolve();
							spin(false);
						};
						get.onerror = () => reject(get.error);
					};
					spin(true);
				};
			}),
		{ database, store }
	);
}
