import { promisifyRequest, type UseStore } from 'idb-keyval';

/**
 * Reads the record at `key` and writes `change(record)` back in one transaction, so two changes
 * at once never undo each other. The write is made inside the read's success callback: awaiting
 * a promise there can let the transaction finish before the write (IndexedDB commits as soon as
 * no request is pending). Resolves to what was written, or undefined when nothing was stored or
 * `change` returned undefined (then nothing is written).
 */
export function readModifyWrite<T>(
	useStore: UseStore,
	key: IDBValidKey,
	change: (stored: unknown) => T | undefined
): Promise<T | undefined> {
	return useStore('readwrite', (store) => {
		let written: T | undefined;
		const request = store.get(key);
		request.onsuccess = () => {
			if (request.result === undefined) return;
			written = change(request.result);
			if (written !== undefined) store.put(written, key);
		};
		return promisifyRequest(store.transaction).then(() => written);
	});
}
