// The prompt-cache simulator the scripted server uses when started with `cache: { enabled: true }`.
export {
	PromptCacheSimulator,
	MAX_BREAKPOINTS,
	type CacheAccount,
	type CacheOutcome,
	type CacheUsage,
	type PromptCacheOptions
} from './prompt-cache';
export { serializePrompt, FIVE_MINUTES_MS, ONE_HOUR_MS, type PromptBlock } from './prompt-blocks';
export { SimClock } from './sim-clock';
export {
	TokenCounter,
	TOKENIZER_NOTE,
	BENCH_CHARS_PER_TOKEN,
	characterEstimate,
	characterEstimateNote
} from './token-counter';
export { COST_WEIGHTS, inputCost } from './billing';
export { perfectCacheFloor, type CacheFloor, type PrefixTrace } from './cache-floor';
