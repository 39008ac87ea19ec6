import { countTokens } from 'gpt-tokenizer';

/**
 * Counts tokens with a real BPE tokenizer (OpenAI's o200k_base via gpt-tokenizer). Claude's own
 * tokenizer is not public, so the counts are an approximation of what Anthropic would bill;
 * good enough to compare strategies, not to predict an invoice.
 */
const PLAIN_TEXT = { disallowedSpecial: new Set<string>() };

export const TOKENIZER_NOTE =
	'Token counts use gpt-tokenizer (o200k_base), an approximation of Claude’s tokenizer.';

/**
 * Memoised per text: a session re-sends the same blocks on every request, so each distinct
 * block is tokenized once.
 */
export class TokenCounter {
	readonly #memo = new Map<string, number>();

	count(text: string): number {
		if (text === '') return 0;
		const known = this.#memo.get(text);
		if (known !== undefined) return known;
		// Text that spells a special token (<|endoftext|>…) is counted as plain text.
		const tokens = countTokens(text, PLAIN_TEXT);
		this.#memo.set(text, tokens);
		return tokens;
	}
}
