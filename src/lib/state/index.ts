export { ProjectSession, type ProjectSessionOptions } from './project-session.svelte';
export { openEarlySessionNow, pageSession } from './page-session';
export { applyPreviewEvent, type OpenServer } from './open-servers';
export { parseRuntimeRequest, type RuntimeRequest } from './runtime-request';
export {
	loadingStatus,
	offlineStatus,
	webContainerStatus,
	type RuntimeStatusView
} from './runtime-status';
export { PermissionRules, type PermissionRuleStore } from './permissions';
export { SaveStatus, saveStatus, StorageStatus, STORAGE_WARN_RATIO, formatBytes } from './storage';
export { guardedWorkspace } from './tab-sync';
export {
	PreviewConsole,
	PREVIEW_CONSOLE_LIMIT,
	PreviewChannel,
	type PreviewFrame
} from './preview-console';
export { ProcessesView } from './processes';
