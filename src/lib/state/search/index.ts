export {
	SearchPanelState,
	type SearchPanelOptions,
	type SearchWorkspace
} from './search-panel.svelte';
export {
	EMPTY_QUERY,
	enginePattern,
	pathFilter,
	queryRegex,
	type SearchQuery
} from './search-query';
export {
	groupResults,
	lineSegments,
	MAX_SHOWN_MATCHES,
	type FileResult,
	type LineResult,
	type LineSegment,
	type SearchResult
} from './search-results';
export {
	expandReplacement,
	matchesInLine,
	replaceInLine,
	replacementsInLine,
	type MatchRange
} from './line-matches';
export { isTicked, matchKey, replaceInFile, type ReplaceChoices } from './replace-plan';
export { applyReplace, type ReplaceOutcome } from './apply-replace';
