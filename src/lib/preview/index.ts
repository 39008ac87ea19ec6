// The IDE-side preview API. The preview origin's own entry points (src/preview-origin/) import
// ./origin instead: they may not import $app modules, which static-preview.ts uses.
export { startStaticPreview, type StaticPreview } from './static-preview';
export { PreviewUnavailableError } from './preview-error';
export { connectPreviewHost, type HostBridgeOptions } from './host-bridge';
export { loadPreviewOrigin, parsePreviewOrigin, PREVIEW_CONFIG_FILE } from './preview-config';
export {
	installPreviewResponder,
	type PreviewResponderOptions,
	type MessageSource
} from './responder';
export {
	isInsidePreview,
	previewUrl,
	resolveFilePath,
	routePreviewRequest,
	type PreviewRoute
} from './paths';
export { contentTypeFor } from './mime';
export { previewHeaders } from './responses';
export {
	PREVIEW_REQUEST_TYPE,
	PREVIEW_RESPONSE_TYPE,
	PREVIEW_TIMEOUT_MS,
	isPreviewRequest,
	isPreviewResponse,
	type PreviewRequestMessage,
	type PreviewResponseMessage
} from './protocol';
export { scriptNeedingBuild } from './build-step';
export { isPreviewLocation, type PreviewLocationMessage } from './bridge';
export { SANDBOX_NOTICE } from './sandbox-notice';
export {
	PREVIEW_COMMAND_TYPE,
	PREVIEW_LOG_TYPE,
	PREVIEW_REPLY_TYPE,
	BRIDGE_BASE_GLOBAL,
	imageTokens,
	screenshotScale,
	type BridgeLogEntry,
	type PreviewCommand,
	type PreviewCommandMessage
} from './bridge-protocol';
export {
	parsePngDataUrl,
	parsePreviewLog,
	parsePreviewReply,
	projectPathOf,
	REPLY_MAX_CHARS,
	type PreviewReply
} from './bridge-messages';
export { loadServerBridgeScript, serverBridgeScript } from './server-bridge';
export { createLimiter, type Limiter } from './page/limiter';
