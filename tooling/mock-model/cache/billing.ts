import type { CacheUsage } from './prompt-cache';

/**
 * Anthropic's input prices as multiples of the base input price (5-minute cache): a cache
 * write costs 1.25×, a cache read 0.1×. Benchmarks report cost in these "input-token
 * equivalents"; output tokens are priced apart and left out.
 */
export const COST_WEIGHTS = { uncached: 1, write: 1.25, read: 0.1 } as const;

/** One request's (or a sum of requests') input cost in input-token equivalents. */
export function inputCost(usage: CacheUsage): number {
	return (
		COST_WEIGHTS.uncached * usage.input_tokens +
		COST_WEIGHTS.write * usage.cache_creation_input_tokens +
		COST_WEIGHTS.read * usage.cache_read_input_tokens
	);
}
