import { del, get, set } from 'idb-keyval';
import { openStorage } from './migrations';
import { getStores } from './stores';

/** A small key/value store for preferences such as pane sizes. Values must be structured-cloneable. */
export async function getSetting<T>(key: string): Promise<T | undefined>;
export async function getSetting<T>(key: string, fallback: T): Promise<T>;
export async function getSetting<T>(key: string, fallback?: T): Promise<T | undefined> {
	await openStorage();
	const value = await get<T>(key, getStores().settings);
	return value === undefined ? fallback : value;
}

export async function setSetting<T>(key: string, value: T): Promise<void> {
	await openStorage();
	await set(key, value, getStores().settings);
}

export async function deleteSetting(key: string): Promise<void> {
	await openStorage();
	await del(key, getStores().settings);
}
