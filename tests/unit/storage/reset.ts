import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { closeStorage } from '../../../src/lib/storage';

/** A fresh, empty IndexedDB for each test, and no connections left over from the last one. */
export async function freshIndexedDb(): Promise<void> {
	await closeStorage();
	globalThis.indexedDB = new IDBFactory();
}
