/** The page's IndexedDB and frame timing, for the e2e specs. */
import type { Page } from '@playwright/test';

/** Writes records straight into one of Kiln's databases, as a broken browser or extension might. */
export async function writeRecords(
	page: Page,
	database: string,
	store: string,
	records: [IDBValidKey, unknown][]
) {
	await page.evaluate(
		async ({ database, store, records }) => {
			const db = await new Promise<IDBDatabase>((resolve, reject) => {
				const request = indexedDB.open(database);
				request.onsuccess = () => resolve(request.result);
				request.onerror = () => reject(request.error);
			});
			const tx = db.transaction(store, 'readwrite');
			for (const [key, value] of records as [IDBValidKey, unknown][]) {
				tx.objectStore(store).put(value, key);
			}
			await new Promise((resolve, reject) => {
				tx.oncomplete = resolve;
				tx.onerror = () => reject(tx.error);
			});
			db.close();
		},
		{ database, store, records: records as unknown }
	);
}

/** The keys of a store, read through the page's IndexedDB. */
export async function storeKeys(
	page: Page,
	database: string,
	store: string
): Promise<IDBValidKey[]> {
	return page.evaluate(
		async ({ database, store }) => {
			const db = await new Promise<IDBDatabase>((resolve, reject) => {
				const request = indexedDB.open(database);
				request.onsuccess = () => resolve(request.result);
				request.onerror = () => reject(request.error);
			});
			const keys = await new Promise<IDBValidKey[]>((resolve, reject) => {
				const request = db.transaction(store).objectStore(store).getAllKeys();
				request.onsuccess = () => resolve(request.result);
				request.onerror = () => reject(request.error);
			});
			db.close();
			return keys;
		},
		{ database, store }
	);
}

/** How long the page takes to paint its next frame: a frozen page takes seconds. */
export function frameDelay(page: Page): Promise<number> {
	return page.evaluate(
		() =>
			new Promise<number>((resolve) => {
				const started = performance.now();
				requestAnimationFrame(() => resolve(performance.now() - started));
			})
	);
}

/** Starts recording the longest gap between painted frames; the returned function reads it. */
export async function watchFrames(page: Page): Promise<() => Promise<number>> {
	await page.evaluate(() => {
		const state = { longest: 0, last: performance.now() };
		(window as unknown as { __frames: typeof state }).__frames = state;
		const loop = (now: number) => {
			state.longest = Math.max(state.longest, now - state.last);
			state.last = now;
			requestAnimationFrame(loop);
		};
		requestAnimationFrame(loop);
	});
	return () =>
		page.evaluate(() => (window as unknown as { __frames: { longest: number } }).__frames.longest);
}

/** A project's files and folders as IndexedDB holds them, text normalised to its UTF-8 bytes. */
export async function storedProjectFiles(page: Page, projectId: string) {
	return page.evaluate(async (id) => {
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const request = indexedDB.open('kiln-project-files');
			request.onsuccess = () => resolve(request.result);
			request.onerror = () => reject(request.error);
		});
		const store = db.transaction('files').objectStore('files');
		const range = IDBKeyRange.bound([id], [id, []]);
		const [keys, values] = await Promise.all(
			[store.getAllKeys(range), store.getAll(range)].map(
				(request) =>
					new Promise<unknown[]>((resolve, reject) => {
						request.onsuccess = () => resolve(request.result as unknown[]);
						request.onerror = () => reject(request.error);
					})
			)
		);
		db.close();
		const files: Record<string, number[]> = {};
		const dirs: string[] = [];
		keys!.forEach((key, i) => {
			const path = (key as [string, string])[1];
			const entry = values![i] as { data?: string | Uint8Array; dir?: true };
			if (entry.dir) dirs.push(path);
			else {
				const data = entry.data!;
				files[path] = Array.from(
					typeof data === 'string' ? new TextEncoder().encode(data) : new Uint8Array(data)
				);
			}
		});
		return { files, dirs: dirs.sort() };
	}, projectId);
}

/** The drafts IndexedDB holds now (what a reload or a crash would restore). */
export function storedDraftRecords(page: Page): Promise<{ path: string; text: string }[]> {
	return page.evaluate(async () => {
		const names = (await indexedDB.databases()).map((db) => db.name);
		// Opening a database that does not exist would create it without its store.
		if (!names.includes('kiln-drafts')) return [];
		return new Promise<{ path: string; text: string }[]>((resolve, reject) => {
			const request = indexedDB.open('kiln-drafts');
			request.onerror = () => reject(request.error);
			request.onsuccess = () => {
				const db = request.result;
				const all = db.transaction('drafts').objectStore('drafts').getAll();
				all.onerror = () => reject(all.error);
				all.onsuccess = () => {
					db.close();
					resolve(all.result as { path: string; text: string }[]);
				};
			};
		});
	});
}
