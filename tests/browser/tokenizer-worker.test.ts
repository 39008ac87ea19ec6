import { describe, expect, it } from 'vitest';
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { loadO200kCounter, ranksFromWorker } from '../../src/lib/agent/context/tokenizer-load';

describe('the o200k tokenizer in Chromium', () => {
	it('takes its ranks from a real worker and counts as the module does', async () => {
		const ranks = await ranksFromWorker();
		expect(ranks?.length).toBe(199_998);
		const count = await loadO200kCounter();
		const options = { disallowedSpecial: new Set<string>() };
		for (const text of ['Hello, world!', 'const x = <T,>(a: T) => a; // 数学 🙂', '<|endoftext|>'])
			expect(count(text)).toBe(countTokens(text, options));
	});
});
