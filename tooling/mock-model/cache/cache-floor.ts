/**
 * The perfect-prefix-cache floor of a sequence of requests: the least any prompt cache could
 * bill for exactly these prompts, whatever its breakpoints, lookback or lifetime.
 *
 * A cache can only serve a prefix of an earlier request, and only at block boundaries (the
 * finest granularity the API caches at). So for each request, the blocks up to the longest
 * prefix some earlier request shared are at best read (0.1×); every other block is new. A new
 * block that some later request reads must have been written once (1.25×); a new block nobody
 * reads again is at best sent uncached (1×). Nothing cheaper exists for the same prompts, so
 * the floor is a true lower bound for any cache strategy sending them; how many prompts are
 * sent and what is in them (clearing, compaction) is the harness's choice and is in the floor.
 *
 * With `ttlMs`, a prefix is readable only if some request used it less than `ttlMs` before
 * (every use refreshes it, even where no breakpoint was): the floor under a 5-minute cache,
 * which shows what a long break alone costs.
 */
import { COST_WEIGHTS } from './billing';

/** One request as the cache saw it: each block's prefix key and token count, in prefix order. */
export interface PrefixTrace {
	atMs: number;
	keys: string[];
	tokens: number[];
}

export interface CacheFloor {
	/** Input-token equivalents (uncached 1×, write 1.25×, read 0.1×). */
	cost: number;
	uncachedTokens: number;
	writeTokens: number;
	readTokens: number;
}

interface NewBlock {
	tokens: number;
	readLater: boolean;
}

export function perfectCacheFloor(
	trace: readonly PrefixTrace[],
	options: { ttlMs?: number } = {}
): CacheFloor {
	const { ttlMs } = options;
	const lastUse = new Map<string, number>();
	/** The latest time each prefix was sent as new: later reads of it make that a write. */
	const pending = new Map<string, NewBlock>();
	const fresh: NewBlock[] = [];
	let readTokens = 0;
	for (const request of trace) {
		const live = (key: string) => {
			const at = lastUse.get(key);
			return at !== undefined && (ttlMs === undefined || request.atMs - at < ttlMs);
		};
		// Keys chain over the whole prefix, so a live key means every block before it is live.
		let shared = 0;
		while (shared < request.keys.length && live(request.keys[shared]!)) shared++;
		request.keys.forEach((key, index) => {
			const tokens = request.tokens[index] ?? 0;
			if (index < shared) {
				readTokens += tokens;
				const block = pending.get(key);
				if (block) block.readLater = true;
			} else {
				const block = { tokens, readLater: false };
				fresh.push(block);
				pending.set(key, block);
			}
			lastUse.set(key, request.atMs);
		});
	}
	let writeTokens = 0;
	let uncachedTokens = 0;
	for (const block of fresh) {
		if (block.readLater) writeTokens += block.tokens;
		else uncachedTokens += block.tokens;
	}
	return {
		cost:
			COST_WEIGHTS.uncached * uncachedTokens +
			COST_WEIGHTS.write * writeTokens +
			COST_WEIGHTS.read * readTokens,
		uncachedTokens,
		writeTokens,
		readTokens
	};
}
