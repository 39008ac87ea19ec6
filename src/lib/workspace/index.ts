export { Workspace, openWorkspace, type OpenWorkspaceOptions } from './workspace';
export { seedRuntime, type RuntimeSeed } from './seed-runtime';
export { hashSeedBytes } from './snapshot-index';
export { describeContent, isBinary, type ContentInfo } from './content';
export { OPAQUE_DIRS } from './gitignore';
export type {
	WorkspaceApi,
	WorkspaceChange,
	WorkspaceChangeOrigin,
	WorkspaceFile,
	WorkspaceListener,
	WorkspaceNode,
	WorkspacePersistence,
	WorkspaceSeed,
	SkippedEntry
} from './types';
