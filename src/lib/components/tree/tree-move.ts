import type { SvelteSet } from 'svelte/reactivity';
import { isWithin } from '$lib/runtime';
import type { WorkspaceApi } from '$lib/workspace';
import { ancestorsOf, movePath } from './tree-model';

/**
 * Moves (or renames) a file or folder through the workspace, so open tabs, drafts and the
 * runtime follow it. The tree keeps its open folders open under the new place and reveals it.
 */
export async function moveInTree(
	workspace: WorkspaceApi,
	expanded: SvelteSet<string>,
	from: string,
	to: string
): Promise<void> {
	// The removal event collapses the old folders: remember them to reopen under the new name.
	const reopen = [...expanded].filter((path) => isWithin(path, from));
	await workspace.rename(from, to);
	for (const path of reopen) expanded.add(movePath(path, from, to));
	for (const folder of ancestorsOf(to)) expanded.add(folder);
}
