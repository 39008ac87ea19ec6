// The page-side preview API. The service worker imports worker-handler.ts directly: it may not
// import $app modules, which register.ts and static-preview.ts use.
export { startStaticPreview, type StaticPreview } from './static-preview';
export { registerPreviewWorker, PreviewUnavailableError } from './register';
export {
	installPreviewResponder,
	type PreviewResponderOptions,
	type MessageSource
} from './responder';
export { previewUrl, resolveFilePath, routePreviewRequest, type PreviewRoute } from './paths';
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
