import fuzzysort from 'fuzzysort';

export interface QuickOpenMatch {
	readonly path: string;
	/** Character positions in `path` that matched, for highlighting. */
	readonly indexes: readonly number[];
}

/**
 * Files for the quick-open list: fuzzy-matched on the whole path (so `srcmain` finds
 * src/main.ts), best first; with no query, the given order (most relevant first) as is.
 */
export function matchFiles(query: string, paths: readonly string[], limit = 50): QuickOpenMatch[] {
	const trimmed = query.trim();
	if (!trimmed) return paths.slice(0, limit).map((path) => ({ path, indexes: [] }));
	return fuzzysort
		.go(trimmed, paths, { limit, threshold: 0.1 })
		.map((result) => ({ path: result.target, indexes: [...result.indexes] }));
}
