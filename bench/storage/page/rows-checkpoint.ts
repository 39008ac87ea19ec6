/**
 * Row 4: a turn that changed one file. Kiln takes a checkpoint of the whole project, then one
 * after the change; the second should write about that file (content-addressed blobs plus a
 * delta file list): bytes written = its new blobs + its manifest. The bare side stores just that
 * file with idb-keyval.
 */
import { set, setMany } from 'idb-keyval';
import { createCheckpoint, createProject, type CheckpointMeta } from '$lib/storage';
import { byteSize, type Fixture } from '../fixture';
import type { Sample } from '../types';
import { bareStore, resetDatabases, warmUp } from './databases';
import { MTIME, PROJECT_ID } from './rows-storage';
import { editedText, pickEditedFile, rotated, time } from './timing';
import { messageOf } from '../../../src/lib/errors';

export function checkpointRow(fixture: Fixture): (run: number) => Promise<Sample> {
	const { files } = fixture;
	const edited = pickEditedFile(files);
	const changed = { ...files, [edited]: editedText(files[edited] as string, 1) };
	const fileBytes = (changed[edited] as string).length;
	// Size and time per path, as the workspace hands them over, so unchanged files need no hashing.
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
					let first: CheckpointMeta | undefined;
					values.firstMs = await time(async () => {
						first = await createCheckpoint(project.id, firstInput);
					});
					values.firstNewBytes = first!.newBytes;
					values.firstManifestBytes = first!.manifestBytes ?? null;
					let second: CheckpointMeta | undefined;
					values.kilnMs = await time(async () => {
						second = await createCheckpoint(project.id, secondInput);
					});
					values.newBytes = second!.newBytes;
					values.manifestBytes = second!.manifestBytes ?? null;
					values.writtenBytes =
						second!.manifestBytes === undefined ? null : second!.newBytes + second!.manifestBytes;
				} catch (error) {
					const message = messageOf(error);
					values.kilnMs = values.writtenBytes = values.firstMs = null;
					notes.push(`checkpoint failed: ${message}`);
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
