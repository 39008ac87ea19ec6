import type { FileChange } from './change-source';

/** The files a scope changed that exist now, with how: what the file tree marks. */
export function agentMarks(
	changes: readonly FileChange[]
): ReadonlyMap<string, FileChange['status']> {
	return new Map(
		changes.filter((change) => change.after !== null).map((change) => [change.path, change.status])
	);
}
