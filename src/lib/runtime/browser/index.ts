export {
	createBrowserRuntime,
	preloadBrowserRuntime,
	type BrowserRuntimeOptions
} from './browser-runtime';
export { browserCapabilities } from './capabilities';
