import { countTokensOnce, currentTokenCounter, loadTokenizer } from '../context';
import type { CountTokens } from './types';

/**
 * The project map's counter: the agent's one tokenizer (context/tokens.ts), loaded on first use.
 * If its chunk cannot load, counts fall back to about four characters a token: a budget still
 * holds roughly, and the map is still built.
 */
export async function loadTokenCounter(): Promise<CountTokens> {
	await loadTokenizer();
	return countTokensOnce;
}

/**
 * The counter without waiting, for the project map of a first send: the tokenizer if it is here
 * (the app prefetches it in idle time), else about four characters a token, so the map is only
 * a little less exact and the request does not wait for 2 MB.
 */
export function tokenCounterNow(): CountTokens {
	return currentTokenCounter();
}
