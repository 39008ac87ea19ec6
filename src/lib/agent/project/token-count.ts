import type { CountTokens } from './types';

let loading: Promise<CountTokens> | undefined;

/**
 * A real BPE tokenizer (o200k_base from gpt-tokenizer). Claude's tokenizer is not public; o200k
 * counts within a few percent of it on code, which is what a budget needs. Its tables are large,
 * so they are loaded on first use rather than with the module.
 */
export function loadTokenCounter(): Promise<CountTokens> {
	loading ??= import('gpt-tokenizer/encoding/o200k_base').then(({ countTokens }) => {
		// Project files may contain text like `<|endoftext|>`: count it as plain text, never throw.
		const options = { disallowedSpecial: new Set<string>() };
		return (text: string) => (text === '' ? 0 : countTokens(text, options));
	});
	return loading;
}
