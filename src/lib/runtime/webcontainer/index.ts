export { createWebContainerRuntime, webContainerCapabilities } from './adapter';
export {
	bootWebContainer,
	webContainerBootStatus,
	WebContainerBootError,
	type BootWebContainerOptions,
	type WebContainerBootFailure,
	type WebContainerBootFn,
	type WebContainerBootStatus
} from './boot';
export { bootWithAdapter, type BootedWebContainer } from './boot-with-adapter';
export { mountFiles, toFileSystemTree } from './mount';
export { setContainerPreviewScript, type PreviewScriptContainer } from './preview-script';
export {
	webContainerSupport,
	type SupportEnv,
	type WebContainerSupport,
	type WebContainerUnsupportedReason
} from './support';
export type { MountableContainer, WebContainerLike } from './types';
export {
	probeWebContainerHost,
	WEBCONTAINER_ORIGIN,
	type Reachability,
	type ReachabilityOptions
} from './reachability';
export { createOutputCleaner, type OutputCleaner } from './output-cleaner';
