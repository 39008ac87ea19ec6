import type { WorkspaceApi } from '$lib/workspace';

/** What Ctrl+P lists: open tabs first, then every other file of the project (ignored ones left out). */
export function quickOpenPaths(
	ws: Pick<WorkspaceApi, 'allFiles'>,
	open: readonly string[]
): string[] {
	const rest = ws
		.allFiles()
		.filter((file) => !file.ignored && !open.includes(file.path))
		.map((file) => file.path)
		.sort();
	return [...open, ...rest];
}
