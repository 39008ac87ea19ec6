export { PreviewConsole, PREVIEW_CONSOLE_LIMIT } from './preview-console.svelte';
export {
	hrefInside,
	PreviewChannel,
	PREVIEW_DEFAULT_WAIT_MS,
	PREVIEW_MAX_WAIT_MS,
	PREVIEW_QUIET_MS,
	type PreviewFrame
} from './preview-channel';
export { toLogEntry } from './preview-entries';
export { installServerBridge } from './server-bridge';
