// What runs on the preview origin itself (src/preview-origin/ bundles it): its bridge script, the
// host page's relay and the service worker's handler. Kept apart from ../index.ts because the
// IDE's side uses $app modules (static-preview.ts), which these bundles cannot load.
export { PREVIEW_LOCATION_TYPE } from '../bridge';
export { installBridge } from '../page';
export { startHostRelay, type HostWindow, type HostWorkerContainer } from '../host-relay';
export { createPreviewFetchHandler, type PreviewWorkerScope } from '../worker-handler';
