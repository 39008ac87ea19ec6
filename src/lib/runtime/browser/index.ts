export { createBrowserRuntime, type BrowserRuntimeOptions } from './browser-runtime';
export { browserCapabilities } from './capabilities';
