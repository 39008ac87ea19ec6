import { countTokensOnce, loadTokenizer } from '../context';
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
