/// <reference lib="webworker" />
/**
 * Evaluates gpt-tokenizer's o200k ranks off the page's main thread and posts them in slices
 * (tokenizer-load.ts). The ranks are one 2.4 MB array literal: evaluated on the page, that is a
 * single task of 50–100 ms, felt as a frozen page by whoever is typing at the time.
 */
import ranks from 'gpt-tokenizer/bpeRanks/o200k_base';
import { RANKS_SLICE, type RanksSlice } from './o200k-ranks-protocol';

for (let start = 0; start < ranks.length; start += RANKS_SLICE) {
	const slice: RanksSlice = {
		start,
		ranks: ranks.slice(start, start + RANKS_SLICE),
		total: ranks.length
	};
	postMessage(slice);
}
