import { getMany, promisifyRequest, setMany } from 'idb-keyval';
import { loadProjectSnapshot, putFiles } from '$lib/storage';
import type { Fixture } from '../fixture';
import { bareStore, reopenDatabases, resetDatabases, warmUp } from './databases';
import { time } from './timing';

export async function probe(fixture: Fixture): Promise<Record<string, number>> {
	const { files } = fixture;
	const out: Record<string, number> = {};
	const keys = Object.keys(files).map((p) => ['bench-project', p]);
	await resetDatabases();
	await warmUp();
	await putFiles('bench-project', files, 1);
	await setMany(keys.map((k) => [k, files[k[1]!]!]), bareStore());
	const store = bareStore();
	for (let i = 0; i < 5; i++) {
		await reopenDatabases();
		out[`kiln${i}`] = await time(() => loadProjectSnapshot('bench-project'));
		await reopenDatabases();
		out[`getMany${i}`] = await time(() => getMany(keys, bareStore()));
		await reopenDatabases();
		out[`getAll${i}`] = await time(() => bareStore()('readonly', (s) => promisifyRequest(s.getAll())));
		await reopenDatabases();
		out[`getAllKeys+getAll${i}`] = await time(() =>
			bareStore()('readonly', (s) => Promise.all([promisifyRequest(s.getAllKeys()), promisifyRequest(s.getAll())]))
		);
		await reopenDatabases();
		out[`keys+gets${i}`] = await time(() =>
			bareStore()('readonly', async (s) => {
				const allKeys = await promisifyRequest(s.getAllKeys());
				return Promise.all(allKeys.map((k) => promisifyRequest(s.get(k))));
			})
		);
		await reopenDatabases();
		out[`cursor${i}`] = await time(() =>
			bareStore()('readonly', (s) => {
				const r = s.openCursor();
				const vals: unknown[] = [];
				return new Promise<void>((res) => {
					r.onsuccess = () => {
						const c = r.result;
						if (!c) return res();
						vals.push(c.value);
						c.continue();
					};
				});
			})
		);
		await reopenDatabases();
		out[`chunked200-${i}`] = await time(() =>
			bareStore()('readonly', async (s) => {
				const allKeys = await promisifyRequest(s.getAllKeys());
				const parts = [];
				for (let j = 0; j < allKeys.length; j += 200) {
					const hi = allKeys[Math.min(j + 199, allKeys.length - 1)]!;
					parts.push(promisifyRequest(s.getAll(IDBKeyRange.bound(allKeys[j]!, hi))));
				}
				return Promise.all(parts);
			})
		);
	}
	void store;
	return out;
}
