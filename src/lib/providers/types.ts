import type { FixWording } from './errors';

/**
 * The one vocabulary the agent loop speaks with every model API. Adapters translate it to
 * and from the wire; nothing above this folder sees an SDK type.
 */

export type ProviderId =
	'anthropic' | 'openai' | 'openrouter' | 'ollama' | 'lmstudio' | 'openai-compatible';

/** Which wire format (and SDK) a provider speaks. */
export type ApiFamily = 'anthropic' | 'openai';

export interface ProviderConfig {
	provider: ProviderId;
	/** Goes to the SDK client and nowhere else. */
	apiKey?: string;
	/** Overrides the preset's URL; required for 'openai-compatible'. */
	baseUrl?: string;
	model: string;
	/**
	 * The model's context window in tokens, when the person knows better than Kiln's model table
	 * (local models, new releases). Adapters ignore it; the agent's context policy uses it.
	 */
	contextWindow?: number;
	/**
	 * How hard the model should think, as set in Settings (providers/reasoning.ts maps it to each
	 * API: Anthropic thinking + effort, OpenAI reasoning_effort). Absent: the model's default.
	 */
	reasoning?: ReasoningEffort;
	/**
	 * Whether the model accepts images, when the person knows better than Kiln's model table (a
	 * local model with vision). Adapters ignore it; the agent's request builder uses it.
	 */
	images?: boolean;
}

/** The reasoning setting people choose from. */
export type ReasoningEffort = 'low' | 'medium' | 'high';

/** How a front end wants the provider to talk to its person. */
export interface ProviderOptions {
	/** Where settings are fixed, for error messages (default: the app's Settings). */
	wording?: FixWording;
}

/**
 * A prompt-cache breakpoint. Anthropic receives it as `cache_control`; OpenAI-style APIs
 * cache automatically by prefix, so there it is dropped (the prefix itself stays byte-stable).
 */
export interface CacheMarker {
	ttl?: '5m' | '1h';
}

export interface SystemBlock {
	text: string;
	cache?: CacheMarker;
}

/** JSON Schema for a tool's input; always an object schema at the top. */
export type JsonSchema = { type: 'object' } & Record<string, unknown>;

export interface ToolDefinition {
	name: string;
	description: string;
	inputSchema: JsonSchema;
	/** The request builder puts one on the last tool so the tool list is cached. */
	cache?: CacheMarker;
}

export interface TextBlock {
	type: 'text';
	text: string;
	cache?: CacheMarker;
}

/** Reasoning the model showed. The signature must be sent back unchanged (Anthropic). */
export interface ThinkingBlock {
	type: 'thinking';
	thinking: string;
	signature?: string;
}

/** Reasoning the API encrypted; kept only to be sent back. */
export interface RedactedThinkingBlock {
	type: 'redacted_thinking';
	data: string;
}

export interface ToolCallBlock {
	type: 'tool_call';
	id: string;
	name: string;
	input: Record<string, unknown>;
	cache?: CacheMarker;
}

/** The image formats both APIs take. */
export type ImageMediaType = 'image/png' | 'image/jpeg' | 'image/webp' | 'image/gif';

/**
 * An image the model sees: pasted by the person, or returned by a tool (a screenshot). Only
 * sent to models that accept images; the request builder puts a text note in its place for
 * the others. Width and height are the pixels the data decodes to (they set the token cost).
 */
export interface ImageBlock {
	type: 'image';
	mediaType: ImageMediaType;
	/** Base64, without a `data:` prefix. */
	data: string;
	width: number;
	height: number;
	cache?: CacheMarker;
}

export interface ToolResultBlock {
	type: 'tool_result';
	toolCallId: string;
	content: string;
	/** Images the tool returned with its text (Anthropic: inside the tool_result). */
	images?: ImageBlock[];
	isError?: boolean;
	cache?: CacheMarker;
}

/**
 * A user turn: text and images, and the results of the previous step's tool calls. Results and
 * text travel together so a reminder can ride along with the results in one message.
 */
export interface UserMessage {
	role: 'user';
	content: Array<TextBlock | ImageBlock | ToolResultBlock>;
}

export interface AssistantMessage {
	role: 'assistant';
	content: Array<TextBlock | ThinkingBlock | RedactedThinkingBlock | ToolCallBlock>;
}

export type ChatMessage = UserMessage | AssistantMessage;

export type ThinkingConfig =
	| { type: 'enabled'; budgetTokens: number }
	/** The model decides how much to think; `effort` steers it (and is OpenAI's reasoning_effort). */
	| { type: 'adaptive'; effort?: ReasoningEffort };

export interface ModelRequest {
	model: string;
	system: SystemBlock[];
	tools: ToolDefinition[];
	messages: ChatMessage[];
	maxTokens: number;
	/**
	 * Absent: the provider applies its configuration's `reasoning` (reasoning.ts). Anthropic takes
	 * it as thinking (+ effort), OpenAI-style APIs as reasoning effort.
	 */
	thinking?: ThinkingConfig;
	signal?: AbortSignal;
	/** How long the stream may stay silent before it is cut (defaults: see drive-stream.ts). */
	idleTimeout?: Partial<IdleTimeout>;
}

/**
 * A stream that sends nothing for this long is cut and fails with kind 'timeout' (retried like
 * other transient failures). `thinkingMs` applies while the API says the model is thinking
 * (an open thinking block, reasoning deltas), where long silences are normal.
 */
export interface IdleTimeout {
	ms: number;
	thinkingMs: number;
}

export type StopReason =
	| 'end_turn'
	| 'tool_use'
	| 'max_tokens'
	| 'stop_sequence'
	| 'refusal'
	| 'pause_turn'
	| 'aborted'
	| 'other';

export interface Usage {
	/** Input tokens that were neither read from nor written to the cache. */
	inputTokens: number;
	outputTokens: number;
	cacheReadTokens: number;
	cacheWriteTokens: number;
}

export type ToolCallEndEvent = {
	type: 'tool-call-end';
	id: string;
	name: string;
	/** The arguments exactly as the model wrote them. */
	rawArguments: string;
} & (
	| { input: Record<string, unknown>; parseError?: undefined }
	/** The model wrote arguments that are not a JSON object: the loop answers with a tool error. */
	| { input?: undefined; parseError: string }
);

/**
 * What an adapter yields, in order. A successful stream ends with exactly one `usage`
 * (cumulative for the response) followed by one `stop`. A cancelled one ends with
 * `stop {reason: 'aborted'}` instead of throwing. Failures throw ProviderError.
 * A `thinking-delta` carrying a signature closes the current thinking block.
 */
export type StreamEvent =
	| { type: 'text-delta'; text: string }
	| { type: 'thinking-delta'; text: string; signature?: string }
	| { type: 'redacted-thinking'; data: string }
	| { type: 'tool-call-start'; id: string; name: string }
	| { type: 'tool-call-delta'; id: string; argsDelta: string }
	| ToolCallEndEvent
	| ({ type: 'usage' } & Usage)
	| { type: 'stop'; reason: StopReason; rawReason?: string };

export interface Provider {
	readonly id: ProviderId;
	readonly family: ApiFamily;
	/** Streams one model step. Iteration throws ProviderError on failure, never anything else. */
	stream(request: ModelRequest): AsyncIterable<StreamEvent>;
	/** Model ids the API offers; throws ProviderError so the UI can fall back to free entry. */
	listModels(signal?: AbortSignal): Promise<string[]>;
	/**
	 * The request's input tokens as the model counts them, without running it (Anthropic's free
	 * count-tokens endpoint). Only where the API offers it; throws ProviderError, and callers
	 * fall back to their estimate.
	 */
	countTokens?(request: ModelRequest, signal?: AbortSignal): Promise<number>;
}
