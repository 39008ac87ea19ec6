/**
 * Ctrl+R, readline's reverse incremental search, as an immutable value: typing narrows the
 * query, Ctrl+R again steps to an older match, Backspace widens it. The match is searched
 * newest-first among earlier entries from where the search stands.
 */
export interface SearchState {
	readonly query: string;
	/** Index in the history of the entry shown, or -1 when nothing matches (yet). */
	readonly index: number;
	/** False when the last step found nothing, shown as readline's "failed" search. */
	readonly found: boolean;
}

export const startSearch: SearchState = { query: '', index: -1, found: true };

/** The newest entry at or before `from` that contains `query`. */
function findBackwards(entries: readonly string[], query: string, from: number): number {
	for (let index = Math.min(from, entries.length - 1); index >= 0; index--) {
		if ((entries[index] ?? '').includes(query)) return index;
	}
	return -1;
}

/** The query grew (a key typed): keep the current match if it still fits, else look further back. */
export function narrow(state: SearchState, entries: readonly string[], text: string): SearchState {
	const query = state.query + text;
	const from = state.index === -1 ? entries.length - 1 : state.index;
	const index = findBackwards(entries, query, from);
	return index === -1 ? { query, index: state.index, found: false } : { query, index, found: true };
}

/** Ctrl+R again: the next older match of the same query. */
export function older(state: SearchState, entries: readonly string[]): SearchState {
	if (state.query === '') return state;
	const index = findBackwards(entries, state.query, state.index - 1);
	return index === -1 ? { ...state, found: false } : { ...state, index, found: true };
}

/** Backspace: a shorter query, searched again from the newest entry. */
export function widen(state: SearchState, entries: readonly string[]): SearchState {
	const query = Array.from(state.query).slice(0, -1).join('');
	if (query === '') return { query, index: -1, found: true };
	return narrow({ query: '', index: -1, found: true }, entries, query);
}

/** The entry the search shows. */
export function matchOf(state: SearchState, entries: readonly string[]): string {
	return state.index === -1 ? '' : (entries[state.index] ?? '');
}

/** Readline's prompt for the search. */
export function searchPrompt(state: SearchState): string {
	return `(${state.found ? '' : 'failed '}reverse-i-search)\`${state.query}': `;
}
