import { describe, expect, it, vi } from 'vitest';
import ranks from 'gpt-tokenizer/bpeRanks/o200k_base';
import {
	countTokens as moduleCount,
	encode as moduleEncode
} from 'gpt-tokenizer/encoding/o200k_base';
import { buildO200kEncoding } from '../../../src/lib/agent/context/o200k-encoder';

const OPTIONS = { disallowedSpecial: new Set<string>() };

/** Text that takes every path of the encoder: ASCII, words, CJK, emoji, byte-level tokens. */
const SAMPLES = [
	'Hello, world!',
	'export function f(value: number): number {\n\treturn value + 1;\n}\n',
	'Ünïcödé — 数学 🙂 <|endoftext|> text <|im_start|>',
	'\u0000\u0001\u0007 control \u001b[31mred\u001b[0m',
	'lone surrogates \ud800 and \udfff, and 🏳️‍🌈 👩🏽‍💻',
	'Ελληνικά, русский, العربية, हिन्दी, ไทย, 한국어',
	'    indented\n\n\n\t\t  mixed   whitespace   \r\n',
	'x'.repeat(5000),
	''
];

describe('the o200k encoder built in slices', () => {
	it('counts and encodes exactly as the library’s own o200k module', async () => {
		const encoding = await buildO200kEncoding(ranks, async () => {});
		expect(encoding).toBeDefined();
		for (const text of SAMPLES) {
			expect(encoding!.countTokens(text, OPTIONS)).toBe(moduleCount(text, OPTIONS));
			expect(encoding!.encode(text, OPTIONS)).toEqual(moduleEncode(text, OPTIONS));
		}
	});

	it('offers to pause every few hundred ranks, so no one task walks all 200,000', async () => {
		const walkedAtPause: number[] = [];
		let walked = 0;
		// A Proxy counts the ranks read: what the build walked by each offer to pause.
		const counted = new Proxy(ranks, {
			get(target, key, receiver) {
				if (typeof key === 'string' && /^\d+$/.test(key)) walked++;
				return Reflect.get(target, key, receiver);
			}
		});
		await buildO200kEncoding(counted, async () => {
			walkedAtPause.push(walked);
		});
		expect(walkedAtPause.length).toBeGreaterThanOrEqual(Math.ceil(ranks.length / 500));
		const between = walkedAtPause.map((at, index) => at - (walkedAtPause[index - 1] ?? 0));
		expect(Math.max(...between)).toBeLessThanOrEqual(500);
	});

	it('skips holes in the ranks as the library does', async () => {
		const sparse: (string | number[] | undefined)[] = [...ranks];
		const unused = sparse.indexOf('hello');
		expect(unused).toBeGreaterThan(0);
		sparse[unused] = undefined;
		const encoding = await buildO200kEncoding(sparse, async () => {});
		// Without the rank for "hello" the word is made of smaller pieces.
		expect(encoding!.encode('hello', OPTIONS)).not.toContain(unused);
		expect(encoding!.encode('hello', OPTIONS).length).toBeGreaterThan(1);
	});
});

describe('a gpt-tokenizer that keeps its tables elsewhere', () => {
	it('reports undefined, so the caller builds the encoder the plain way', async () => {
		vi.resetModules();
		vi.doMock('gpt-tokenizer/GptEncoding', () => ({
			GptEncoding: { getEncodingApi: () => ({ bytePairEncodingCoreProcessor: { renamed: true } }) }
		}));
		const { buildO200kEncoding: build } =
			await import('../../../src/lib/agent/context/o200k-encoder');
		expect(await build(['a', 'b'], async () => {})).toBeUndefined();
		vi.doUnmock('gpt-tokenizer/GptEncoding');
		vi.resetModules();
	});
});
