/**
 * The tree following its workspace: a revision bumped by every change (the cue to list folders
 * again), and the files changed since the tree appeared (by the agent, a process or a save).
 */
import { SvelteSet } from 'svelte/reactivity';
import { isWithin } from '$lib/runtime';
import type { WorkspaceApi } from '$lib/workspace';
import { ancestorsOf, type TreeRow } from './tree-model';

export class TreeChanges {
	revision = $state(0);
	readonly changed = new SvelteSet<string>();
	/** Folders holding a changed file: computed once per change, not once per row. */
	// A snapshot recomputed whenever `changed` changes, never mutated: no SvelteSet needed.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	readonly #changedFolders = $derived(new Set([...this.changed].flatMap(ancestorsOf)));
	/** The tree's expanded folders: a removed folder is collapsed for good. */
	readonly #expanded: SvelteSet<string>;

	constructor(expanded: SvelteSet<string>) {
		this.#expanded = expanded;
	}

	/** Subscribes to the workspace; returns the unsubscribe. */
	follow(workspace: WorkspaceApi): () => void {
		return workspace.subscribe((changes) => {
			for (const change of changes) {
				if (change.type === 'remove') {
					for (const path of [...this.#expanded])
						if (isWithin(path, change.path)) this.#expanded.delete(path);
					for (const path of [...this.changed])
						if (isWithin(path, change.path)) this.changed.delete(path);
				} else if (change.type === 'change' && change.origin !== 'load') {
					this.changed.add(change.path);
				}
			}
			this.revision++;
		});
	}

	isChanged(row: TreeRow): boolean {
		if (row.type === 'file') return this.changed.has(row.path);
		// A collapsed folder shows that something inside it changed.
		return !row.expanded && this.#changedFolders.has(row.path);
	}
}
