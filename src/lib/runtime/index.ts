export * from './webcontainer';
export * from './types';
export * from './paths';
export { createBrowserRuntime, browserCapabilities, type BrowserRuntimeOptions } from './browser';
export { LineShell, type LineShellOptions } from './shell';
