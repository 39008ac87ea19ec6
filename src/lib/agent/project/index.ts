// What the session context needs to know about the project: its memory (AGENTS.md), a map of
// its files and definitions, and the edits the person made between turns.
export {
	loadProjectMemory,
	rememberNote,
	parseRememberCommand,
	MEMORY_FILE,
	NEW_MEMORY_HEADING,
	MAX_MEMORY_CHARS
} from './memory';
export {
	buildProjectMap,
	DEFAULT_MAP_TOKENS,
	MAX_OUTLINE_BYTES,
	MAX_OUTLINED_FILES,
	type ProjectMapOptions
} from './project-map';
export { trackUserEdits, type UserEditTracker } from './user-edits';
export { MAX_FILE_DIFF_CHARS, MAX_TOTAL_DIFF_CHARS } from './edit-diff';
export { loadTokenCounter, tokenCounterNow } from './token-count';
export { canOutline } from './outline';
export { loadOutliner, type Outliner } from './outline/load-outliner';
export type { CountTokens, ProjectWorkspace } from './types';
