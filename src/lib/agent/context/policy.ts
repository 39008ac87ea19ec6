/**
 * When the context is cleared and when it is compacted. Shares are of the model's context
 * window; token counts are estimates (tokens.ts).
 */

export interface ContextPolicy {
	/** Clear old tool results once the next request would pass this share of the window. */
	readonly clearAtShare: number;
	/**
	 * A clearing aims to bring the request down to this share. 0 (the default) clears every
	 * result but the newest few: the cache is rewritten from the first cleared result on
	 * anyway, so each further older result cleared makes that rewrite smaller and every later
	 * request cheaper, and nothing is gained by keeping it (npm run bench:context measured
	 * 14–22% less input cost than clearing down to 30% of the window). It is also the shape of
	 * Anthropic's own tool-result clearing, which keeps only the newest few results.
	 */
	readonly clearTargetShare: number;
	/** The newest tool results are never cleared: the model is usually still working with them. */
	readonly keepRecentResults: number;
	/**
	 * A clearing rewrites the cache from the first cleared result on, so it must free enough to
	 * pay for that: at least this many tokens, or minClearShare of the context if that is less.
	 */
	readonly minClearTokens: number;
	readonly minClearShare: number;
	/** Compact when the request passes window − output reserve − this share of the window. */
	readonly compactMarginShare: number;
	/** Files re-injected after a compaction: how many, and how much of each and in all. */
	readonly reinjectFiles: number;
	readonly reinjectFileTokens: number;
	readonly reinjectTotalTokens: number;
	/** ...and never more than this share of the window (a compaction must leave room). */
	readonly reinjectMaxShare: number;
}

export const DEFAULT_CONTEXT_POLICY: ContextPolicy = {
	clearAtShare: 0.5,
	clearTargetShare: 0,
	keepRecentResults: 3,
	minClearTokens: 20_000,
	minClearShare: 0.25,
	compactMarginShare: 0.1,
	reinjectFiles: 5,
	reinjectFileTokens: 2_500,
	reinjectTotalTokens: 10_000,
	reinjectMaxShare: 0.1
};

export interface Thresholds {
	/** Estimated request tokens above which old tool results are cleared. */
	readonly clearAt: number;
	/** Estimated request tokens above which the session is compacted. */
	readonly compactAt: number;
}

export function contextThresholds(
	window: number,
	outputReserve: number,
	policy: ContextPolicy = DEFAULT_CONTEXT_POLICY
): Thresholds {
	const compactAt = Math.max(
		0,
		Math.floor(window - outputReserve - window * policy.compactMarginShare)
	);
	return { clearAt: Math.min(Math.floor(window * policy.clearAtShare), compactAt), compactAt };
}
