import type { FileData } from '../../storage';
import type { FileChange } from './change-source';

function bytesOf(data: FileData): Uint8Array {
	return typeof data === 'string' ? new TextEncoder().encode(data) : data;
}

function sameData(a: FileData, b: FileData): boolean {
	if (typeof a === 'string' && typeof b === 'string') return a === b;
	const left = bytesOf(a);
	const right = bytesOf(b);
	if (left.byteLength !== right.byteLength) return false;
	for (let i = 0; i < left.byteLength; i++) if (left[i] !== right[i]) return false;
	return true;
}

/** The files that differ between two snapshots, sorted by path. */
export function diffFiles(
	before: Readonly<Record<string, FileData>>,
	after: Readonly<Record<string, FileData>>
): FileChange[] {
	const changes: FileChange[] = [];
	for (const [path, data] of Object.entries(after)) {
		const old = Object.hasOwn(before, path) ? before[path] : undefined;
		if (old === undefined) changes.push({ path, status: 'added', before: null, after: data });
		else if (!sameData(old, data))
			changes.push({ path, status: 'modified', before: old, after: data });
	}
	for (const [path, data] of Object.entries(before)) {
		if (!Object.hasOwn(after, path))
			changes.push({ path, status: 'deleted', before: data, after: null });
	}
	return changes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
