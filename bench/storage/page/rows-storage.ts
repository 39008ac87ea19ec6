/**
 * Rows 1–3: save and restore the whole project, and an edit until it is durable. Kiln's storage
 * (and workspace) against idb-keyval doing the same bytes, each side on empty databases.
 */
import { getMany, promisifyRequest, set, setMany } from 'idb-keyval';
import { createBrowserRuntime } from '$lib/runtime';
import { createProject, loadProjectSnapshot, projectPersistence, putFiles } from '$lib/storage';
import { openWorkspace } from '$lib/workspace';
import { fingerprint, type Fixture } from '../fixture';
import type { Sample } from '../types';
import { bareStore, reopenDatabases, resetDatabases, warmUp } from './databases';
import { median } from '../report';
import { editedText, pickEditedFile, rotated, time } from './timing';

export const PROJECT_ID = 'bench-project';
export const MTIME = 1_764_633_600_000;
/** Edits per run; the first of each side is a warm-up and is dropped. */
const EDITS = 11;

type Key = [string, string];

export interface StorageRows {
	save(run: number): Promise<Sample>;
	restore(run: number): Promise<Sample>;
	edit(run: number): Promise<Sample>;
}

export function storageRows(fixture: Fixture): StorageRows {
	const { files } = fixture;
	const keys: Key[] = Object.keys(files).map((path) => [PROJECT_ID, path]);
	const entries: [Key, Fixture['files'][string]][] = keys.map((key) => [key, files[key[1]]!]);
	const edited = pickEditedFile(files);
	const original = files[edited] as string;

	const fresh = async () => {
		await resetDatabases();
		await warmUp();
	};
	const checkCount = (what: string, count: number) => {
		if (count !== fixture.fileCount) {
			throw new Error(`${what} gave back ${count} files, not ${fixture.fileCount}.`);
		}
	};

	return {
		async save(run) {
			const values: Record<string, number> = {};
			await rotated(run, [
				async () => {
					await fresh();
					values.kilnMs = await time(() => putFiles(PROJECT_ID, files, MTIME));
				},
				async () => {
					await fresh();
					values.bareMs = await time(() => setMany(entries, bareStore()));
				}
			]);
			return { values, notes: [] };
		},

		async restore(run) {
			const values: Record<string, number> = {};
			await rotated(run, [
				async () => {
					await fresh();
					await putFiles(PROJECT_ID, files, MTIME);
					await reopenDatabases();
					let restored: Fixture['files'] = {};
					values.kilnMs = await time(async () => {
						restored = (await loadProjectSnapshot(PROJECT_ID)).files;
					});
					checkCount('loadProjectSnapshot', Object.keys(restored).length);
					// Byte for byte once (the warm-up run): a fast restore of the wrong bytes is no restore.
					if (run === 0 && fingerprint(restored) !== fingerprint(files)) {
						throw new Error('loadProjectSnapshot gave back different bytes than were saved.');
					}
				},
				async () => {
					await fresh();
					await setMany(entries, bareStore());
					await reopenDatabases();
					let count = 0;
					values.bareMs = await time(async () => {
						count = (await getMany(keys, bareStore())).length;
					});
					checkCount('idb-keyval getMany', count);
				},
				async () => {
					await fresh();
					await setMany(entries, bareStore());
					await reopenDatabases();
					let count = 0;
					values.bareGetAllMs = await time(async () => {
						const all = await bareStore()('readonly', (store) => promisifyRequest(store.getAll()));
						count = all.length;
					});
					checkCount('getAll', count);
				}
			]);
			return { values, notes: [] };
		},

		async edit(run) {
			const values: Record<string, number> = { fileBytes: original.length };
			await rotated(run, [
				async () => {
					await fresh();
					const project = await createProject({ name: 'Bench', template: 'blank', files });
					const persistence = projectPersistence(project.id);
					const putTimes: number[] = [];
					for (let n = 0; n < EDITS; n++) {
						const text = editedText(original, n);
						putTimes.push(await time(() => persistence.putFile(edited, text, Date.now())));
					}
					values.kilnMs = median(putTimes.slice(1));

					// Through the workspace, as the editor and the tools write: runtime, index, then storage.
					const runtime = await createBrowserRuntime({ files });
					const workspace = await openWorkspace({
						projectId: project.id,
						runtime,
						persistence: projectPersistence(project.id)
					});
					const writeTimes: number[] = [];
					for (let n = 0; n < EDITS; n++) {
						const text = editedText(original, EDITS + n);
						writeTimes.push(
							await time(async () => {
								await workspace.writeFile(edited, text);
								await workspace.flush();
							})
						);
					}
					workspace.dispose();
					await runtime.dispose();
					values.workspaceMs = median(writeTimes.slice(1));
				},
				async () => {
					await fresh();
					await setMany(entries, bareStore());
					const setTimes: number[] = [];
					for (let n = 0; n < EDITS; n++) {
						const text = editedText(original, n);
						setTimes.push(await time(() => set([PROJECT_ID, edited], text, bareStore())));
					}
					values.bareMs = median(setTimes.slice(1));
				}
			]);
			return { values, notes: [] };
		}
	};
}
