import { del, get, set } from 'idb-keyval';
import { openStorage } from './migrations';
import { setAside } from './quarantine';
import { checkRecord, type RecordSchema } from './record-schemas';
import { getStores } from './stores';

/** A small key/value store for preferences such as pane sizes. Values must be structured-cloneable. */
export async function getSetting<T>(key: string): Promise<T | undefined>;
export async function getSetting<T>(key: string, fallback: T): Promise<T>;
export async function getSetting<T>(key: string, fallback?: T): Promise<T | undefined> {
	await openStorage();
	const value = await get<T>(key, getStores().settings);
	return value === undefined ? fallback : value;
}

/**
 * A setting checked against `schema`: one that does not fit is set aside (with a notice) and
 * reads as undefined, so the app starts from its defaults instead of failing on it.
 */
export async function getCheckedSetting<T>(
	key: string,
	schema: RecordSchema
): Promise<T | undefined> {
	await openStorage();
	const value = await get<unknown>(key, getStores().settings);
	if (value === undefined) return undefined;
	const checked = checkRecord<T>(schema, value);
	if (checked.ok) return checked.value;
	await setAside({ kind: 'setting', store: 'settings', key, value, reason: checked.reason });
	return undefined;
}

export async function setSetting<T>(key: string, value: T): Promise<void> {
	await openStorage();
	await set(key, value, getStores().settings);
}

export async function deleteSetting(key: string): Promise<void> {
	await openStorage();
	await del(key, getStores().settings);
}
