export {
	coreTools,
	getTool,
	MAX_TOOL_OUTPUT_CHARS,
	runTool,
	summarizeToolCall,
	TOOL_NAMES,
	toolDefinition,
	toolDefinitions,
	type RunToolOptions,
	type ToolName
} from './registry';
export { createReadTracker } from './read-tracker';
export { defineTool } from './define-tool';
export { ToolAbortedError, ToolError } from './tool-error';
export { parseToolArgs } from './validation';
export { unifiedFileDiff } from './unified-file-diff';
export { READ_DEFAULT_LIMIT, READ_MAX_LINE_CHARS } from './read';
export { BASH_DEFAULT_TIMEOUT_MS, BASH_MAX_OUTPUT_CHARS, BASH_MAX_TIMEOUT_MS } from './bash';
export { BACKGROUND_SETTLE_MS } from './bash-background';
export { GLOB_MAX_RESULTS } from './glob';
export { runNativeGrep } from './grep-native';
export {
	gatherSearchTexts,
	searchableFiles,
	searchTexts,
	type SearchTexts,
	type SearchTextsOptions
} from './search-files';
export { compileGlobFilter, type FileMatches } from './grep-engine';
export type { GrepWorkerFactory, GrepWorkerLike } from './grep-worker-client';
export { compileSearchPattern } from './regex';
export { LIST_MAX_ENTRIES } from './list';
export { TASK_MAX_REPORT_CHARS } from './task';
export {
	PREVIEW_TOOL_MAX_WAIT_MS,
	SCREENSHOT_DEFAULT_TOKENS,
	SCREENSHOT_MAX_WIDTH,
	SNAPSHOT_MAX_CHARS
} from './preview';
export {
	formatEntries,
	summarizeEntries,
	PREVIEW_MAX_CHARS,
	PREVIEW_MAX_ENTRIES
} from './preview-format';
export type {
	PreviewLogEntry,
	PreviewLogLevel,
	PreviewPort,
	ReadRecord,
	ReadTracker,
	SubagentKind,
	SubagentReport,
	SubagentRequest,
	TodoItem,
	TokenUsage,
	TodoStatus,
	Tool,
	ToolContext,
	ToolDefinition,
	ToolImage,
	ToolMetadata,
	ToolResult,
	ToolWorkspace
} from './types';
