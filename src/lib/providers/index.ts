// Model APIs behind one interface: normalised requests in, normalised events out, one error type.
export type {
	ApiFamily,
	AssistantMessage,
	CacheMarker,
	ChatMessage,
	IdleTimeout,
	ImageBlock,
	ImageMediaType,
	JsonSchema,
	ModelRequest,
	Provider,
	ProviderConfig,
	ProviderId,
	ProviderOptions,
	ReasoningEffort,
	RedactedThinkingBlock,
	StopReason,
	StreamEvent,
	SystemBlock,
	TextBlock,
	ThinkingBlock,
	ThinkingConfig,
	ToolCallBlock,
	ToolCallEndEvent,
	ToolDefinition,
	ToolResultBlock,
	Usage,
	UserMessage
} from './types';
export {
	ProviderError,
	isProviderError,
	type ProviderErrorKind,
	type ProviderErrorOptions
} from './provider-error';
export { parseRetryAfter, SETTINGS_WORDING, type FixWording } from './errors';
export {
	canRetry,
	streamWithRetries,
	withRetries,
	type RetryInfo,
	type RetryOptions
} from './retry';
export {
	PROVIDER_PRESETS,
	describeConfigProblem,
	getPreset,
	resolveBaseUrl,
	type ProviderPreset
} from './presets';
export { createProvider, listModels, preloadProvider } from './create-provider';
export { listModelDetails, type ListedModel } from './model-list';
export { pickDefaultModel } from './default-model';
export {
	isLocalProvider,
	probeUrl,
	serverRoot,
	type LocalProviderId,
	type ProbeOutcome
} from './local-server';
export { probeLocalServer } from './probe-lazily';
export { REASONING_EFFORTS, supportsReasoning, thinkingFor, withReasoning } from './reasoning';
export { DEFAULT_IDLE_TIMEOUT } from './drive-stream';
export { StreamAccumulator, collectStream } from './accumulate';
export { finishToolCall } from './tool-arguments';
