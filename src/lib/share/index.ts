// Getting projects in and out of the browser: zip export and import, repository import, and the
// documents (session, new project) share links build on.
export {
	parseSessionDocument,
	sessionToJson,
	sessionToMarkdown,
	toSessionDocument,
	SessionDocumentError,
	SESSION_FORMAT,
	SESSION_VERSION,
	type SessionDocument,
	type SessionSource
} from './session-document';
export { createProjectFromFiles, IMPORT_TEMPLATE, type NewProjectInput } from './new-project';
export {
	exportProject,
	archiveName,
	downloadBytes,
	type ExportOptions,
	type ProjectArchive
} from './export-zip';
export { loadSessionSource } from './session-export';
export {
	importZip,
	importFiles,
	importDropped,
	readDroppedAsIs,
	pathedFiles,
	isZipName,
	type DroppedItems,
	type ImportOptions,
	type PathedFile
} from './import-sources';
export {
	ImportCollector,
	formatBytes,
	SESSION_JSON_PATH,
	SESSION_MARKDOWN_PATH
} from './import-collect';
export {
	DEFAULT_IMPORT_LIMITS,
	ImportError,
	type ImportedFiles,
	type ImportLimits,
	type ImportProgress,
	type ProgressListener,
	type SkippedItem,
	type SkipReason
} from './import-types';
export { parseRepoReference, formatRepoReference, type RepoReference } from './github-source';
export {
	fetchRepository,
	normaliseApiBase,
	GITHUB_API,
	type GitHubImportOptions
} from './github-client';
