/** What the o200k ranks worker posts: one slice of the ranks a message, in order. */
export interface RanksSlice {
	/** Index of the slice's first rank. */
	start: number;
	ranks: (string | number[])[];
	/** How many ranks there are in all: the last slice ends there. */
	total: number;
}

/**
 * Ranks a message. A slice of 25,000 is copied into the page in about 3 ms, so taking the whole
 * table in never holds the page's main thread for long.
 */
export const RANKS_SLICE = 25_000;
