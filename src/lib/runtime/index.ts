export * from './webcontainer';
export * from './types';
export * from './paths';
export { BoundedOutput, OUTPUT_HEAD_CHARS, OUTPUT_TAIL_CHARS } from './bounded-output';
export { createBrowserRuntime, browserCapabilities, type BrowserRuntimeOptions } from './browser';
export { LineShell, type LineShellOptions } from './shell';
export {
	runAtOnce,
	runInSlices,
	SLICE_MS,
	timeSlices,
	yieldToPage,
	type Steps
} from './yield-to-page';
export { parseRegexesAhead, type RegexSource } from './regexes-ahead';
export { nextIdle, whenIdle, type IdleOptions } from './when-idle';
export { loadOnce } from './load-once';
export { describeProcessStatus, formatAge } from './process-status';
