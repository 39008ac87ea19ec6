import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import {
	createCheckpoint,
	dismissSetAside,
	loadCheckpointList,
	readCheckpointBlobs,
	type FileData
} from '../../../../src/lib/storage';
import { CheckpointChangeSource } from '../../../../src/lib/state/changes';
import { diffFiles } from '../../../../src/lib/state/changes/diff-files';
import {
	changesBetweenLists,
	changesSinceList,
	type ReadBlobs
} from '../../../../src/lib/state/changes/list-diff';
import { freshIndexedDb } from '../../storage/reset';

beforeEach(async () => {
	await freshIndexedDb();
	dismissSetAside();
});

const size = (data: FileData) =>
	typeof data === 'string' ? new TextEncoder().encode(data).byteLength : data.byteLength;

function statsOf(files: Record<string, FileData>, mtimeMs: number) {
	return Object.fromEntries(
		Object.entries(files).map(([path, data]) => [path, { size: size(data), mtimeMs }])
	);
}

function project(count: number): Record<string, FileData> {
	const files: Record<string, FileData> = {};
	for (let i = 0; i < count; i++) files[`src/file${i}.ts`] = `export const v${i} = ${i};\n`;
	return files;
}

/** A checkpoint of `files` for turn 0 of chat 's' in project 'p', stamped at `mtimeMs` when given. */
function checkpoint(
	reason: 'turn-start' | 'turn-end',
	files: Record<string, FileData>,
	mtimeMs?: number
) {
	return createCheckpoint('p', {
		sessionId: 's',
		reason,
		turnIndex: 0,
		files,
		...(mtimeMs === undefined ? {} : { stats: statsOf(files, mtimeMs) })
	});
}

/** readCheckpointBlobs, counting how many blobs each comparison read. */
function countingReads(): { read: ReadBlobs; hashes: string[] } {
	const hashes: string[] = [];
	return {
		hashes,
		read: (wanted) => {
			hashes.push(...wanted);
			return readCheckpointBlobs(wanted);
		}
	};
}

describe('changes from checkpoint lists', () => {
	it('reads only the blobs of files that differ between two checkpoints, and finds every change', async () => {
		const before = project(500);
		const after: Record<string, FileData> = { ...before };
		after['src/file1.ts'] = 'export const v1 = "changed";\n';
		delete after['src/file2.ts'];
		after['src/new.ts'] = 'export {};\n';
		after['logo.png'] = new Uint8Array([137, 80, 78, 71]);
		const start = await checkpoint('turn-start', before, 1);
		const end = await checkpoint('turn-end', after, 2);
		const reads = countingReads();
		const changes = await changesBetweenLists(
			(await loadCheckpointList(start.id))!.files,
			(await loadCheckpointList(end.id))!.files,
			reads.read
		);
		expect(changes).toEqual(diffFiles(before, after));
		expect(changes.map((change) => [change.path, change.status])).toEqual([
			['logo.png', 'added'],
			['src/file1.ts', 'modified'],
			['src/file2.ts', 'deleted'],
			['src/new.ts', 'added']
		]);
		// Four files differ (the old and new text of file1 are two blobs): five blobs, not 500.
		expect(reads.hashes).toHaveLength(5);
	});

	it('against the files now: trusts a matching size and time, reads the rest and compares content', async () => {
		const before = project(300);
		const start = await checkpoint('turn-start', before, 10);
		const list = (await loadCheckpointList(start.id))!.files;
		const files: Record<string, FileData> = { ...before };
		const stats = statsOf(before, 10);
		// Saved again with the same text: a new time, no change.
		stats['src/file3.ts'] = { ...stats['src/file3.ts']!, mtimeMs: 20 };
		// Edited: new text and time.
		files['src/file4.ts'] = 'export const v4 = 44;\n';
		stats['src/file4.ts'] = { size: size(files['src/file4.ts']), mtimeMs: 21 };
		delete files['src/file5.ts'];
		delete stats['src/file5.ts'];
		const reads = countingReads();
		const changes = await changesSinceList(list, { files, stats }, reads.read);
		expect(changes).toEqual(diffFiles(before, files));
		expect(changes.map((change) => [change.path, change.status])).toEqual([
			['src/file4.ts', 'modified'],
			['src/file5.ts', 'deleted']
		]);
		expect(reads.hashes.sort()).toEqual(
			[list['src/file3.ts']!.hash, list['src/file4.ts']!.hash, list['src/file5.ts']!.hash].sort()
		);
	});

	it('compares by content where the checkpoint recorded no time', async () => {
		const before = { 'a.txt': 'one', 'b.txt': 'two' };
		const start = await checkpoint('turn-start', before);
		const source = new CheckpointChangeSource({
			projectId: 'p',
			sessionId: () => 's',
			currentFiles: async () => ({
				files: { 'a.txt': 'one', 'b.txt': 'TWO' },
				stats: { 'a.txt': { size: 3, mtimeMs: -1 }, 'b.txt': { size: 3, mtimeMs: -1 } }
			})
		});
		expect(start.fileCount).toBe(2);
		const session = await source.changes({ kind: 'session' });
		expect(
			session.map((change) => [change.path, change.status, change.before, change.after])
		).toEqual([['b.txt', 'modified', 'two', 'TWO']]);
		expect(await source.changes({ kind: 'turn', turnIndex: 0 })).toEqual(session);
	});
});
