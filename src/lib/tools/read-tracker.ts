import type { ReadRecord, ReadTracker } from './types';

/** The in-memory ReadTracker a session keeps; paths are project-relative and normalised. */
export function createReadTracker(): ReadTracker {
	const records = new Map<string, ReadRecord>();
	return {
		get: (path) => records.get(path),
		record: (path, record) => void records.set(path, record),
		forget: (path) => void records.delete(path)
	};
}
