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

/** Characters per token of the estimator benchmarks bill with (see characterEstimate). */
export const BENCH_CHARS_PER_TOKEN = 3.5;

/**
 * A plain characters-per-token estimate. The agent estimates with o200k; a simulated API that
 * counted with the same tokenizer would agree with the agent by construction, so a harness tuned
 * to its own estimator (thresholds just under the window, say) could never be caught
 * overflowing. Billing with a different estimator, as a real provider does, shows it.
 * Code runs at roughly 3–3.5 characters a Claude token, so 3.5 is no harsher than the real thing.
 */
export function characterEstimate(charsPerToken = BENCH_CHARS_PER_TOKEN): (text: string) => number {
	if (!(charsPerToken > 0))
		throw new RangeError(`charsPerToken must be > 0; got ${charsPerToken}.`);
	return (text) => Math.ceil(text.length / charsPerToken);
}

export function characterEstimateNote(charsPerToken = BENCH_CHARS_PER_TOKEN): string {
	return `The simulated API counts tokens as characters / ${charsPerToken}, not with the agent’s estimator (o200k), as a real provider bills with its own tokenizer.`;
}
