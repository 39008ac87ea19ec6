import fuzzysort from 'fuzzysort';
import type { IdeAction } from './action-registry.svelte';

export interface PaletteMatch {
	readonly action: IdeAction;
	/** Character positions in the title that matched, for highlighting. */
	readonly indexes: readonly number[];
}

/**
 * The palette's list: actions fuzzy-matched on their titles ("srch" finds "Search across
 * files"), best first; with no query, every action in the order registered.
 */
export function filterActions(query: string, actions: readonly IdeAction[]): PaletteMatch[] {
	const trimmed = query.trim();
	if (!trimmed) return actions.map((action) => ({ action, indexes: [] }));
	return fuzzysort
		.go(trimmed, actions, { key: 'title', threshold: 0.1 })
		.map((result) => ({ action: result.obj, indexes: [...result.indexes] }));
}
