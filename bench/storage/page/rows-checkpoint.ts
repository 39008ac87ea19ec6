/**
 * Row 4: a turn that changed one file. Kiln takes a checkpoint of the whole project, then one
 * after the change; the second should store about that file (content-addressed blobs). The bare
 * side stores just that file with idb-keyval. While checkpoints are a stub, the row says so.
 */
import { set, setMany } from 'idb-keyval';
import { createCheckpoint, createProject } from '$lib/storage';
import { byteSize, type Fixture } from '../fixture';
import type { Sample } from '../types';
import { bareStore, resetDatabases, warmUp } from './databases';
import { MTIME, PROJECT_ID } from './rows-storage';
import { editedText, pickEditedFile, rotated, time } from './timing';

export const CHECKPOINTS_MISSING = 'n/a (checkpoints not implemented)';

export function checkpointRow(fixture: Fixture): (run: number) => Promise<Sample> {
	const { files } = fixture;
	const edited = pickEditedFile(files);
	const changed = { ...files, [edited]: editedText(files[edited] as string, 1) };
	const fileBytes = (changed[edited] as string).length;
	// Size and time per path, as the workspace hands them over, so unchanged files need no hashing.
	// Passed through a variable: `stats` is an addition to the contract on the checkpoints branch,
	// and the stub on main ignores it.
	const statsOf = (fileSet: Readonly<Record<string, Fixture['files'][string]>>, editedAt: number) =>
		Object.fromEntries(
			Object.entries(fileSet).map(([path, data]) => [
				path,
				{ size: byteSize(data), mtimeMs: path === edited ? editedAt : MTIME }
			])
		);
	const firstInput = {
		sessionId: null,
		reason: 'turn-start' as const,
		turnIndex: 0,
		files,
		stats: statsOf(files, MTIME)
	};
	const secondInput = {
		...firstInput,
		turnIndex: 1,
		files: changed,
		stats: statsOf(changed, MTIME + 60_000)
	};

	return async (run) => {
		const values: Record<string, number | null> = { fileBytes };
		const notes: string[] = [];
		await rotated(run, [
			async () => {
				await resetDatabases();
				await warmUp();
				const project = await createProject({ name: 'Bench', template: 'blank', files });
				try {
					let first = { newBytes: 0 };
					values.firstMs = await time(async () => {
						first = await createCheckpoint(project.id, firstInput);
					});
					values.firstNewBytes = first.newBytes;
					let second = { newBytes: 0 };
					values.kilnMs = await time(async () => {
						second = await createCheckpoint(project.id, secondInput);
					});
					values.newBytes = second.newBytes;
				} catch (error) {
					const message = error instanceof Error ? error.message : String(error);
					values.kilnMs = values.newBytes = values.firstMs = values.firstNewBytes = null;
					notes.push(
						/not implemented/i.test(message) ? CHECKPOINTS_MISSING : `checkpoint failed: ${message}`
					);
				}
			},
			async () => {
				await resetDatabases();
				await warmUp();
				await setMany(
					Object.entries(files).map(([path, data]) => [[PROJECT_ID, path], data]),
					bareStore()
				);
				values.bareMs = await time(() => set([PROJECT_ID, edited], changed[edited], bareStore()));
			}
		]);
		return { values, notes };
	};
}
