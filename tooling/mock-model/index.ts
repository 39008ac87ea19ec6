export { startMockModelServer, type MockModelServer, type MockModelServerOptions } from './server';
export {
	parseScript,
	MockScriptError,
	type Script,
	type ScriptInput,
	type Turn,
	type ToolCallSpec,
	type Fault,
	type TurnUsage,
	type WireFormat
} from './script-schema';
export { loadScriptFile } from './load-script';
export { requestImages } from './request-text';
export { REDACTED, type RecordedRequest, type RecordedApiKey } from './request-log';
export {
	PromptCacheSimulator,
	SimClock,
	TokenCounter,
	TOKENIZER_NOTE,
	type CacheAccount,
	type CacheUsage,
	type PromptCacheOptions
} from './cache';
export type { MockGitHub, MockRepo } from './github-routes';
