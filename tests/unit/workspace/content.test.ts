import { describe, expect, it } from 'vitest';
import { describeContent, isBinary } from '../../../src/lib/workspace';

const encode = (text: string) => new TextEncoder().encode(text);

describe('binary detection', () => {
	it('treats UTF-8 text as text and a NUL byte as binary', () => {
		expect(isBinary(encode('plain ascii'))).toBe(false);
		expect(isBinary(encode('naïve – ✓ 😀'))).toBe(false);
		expect(isBinary(new Uint8Array([0x61, 0x00, 0x62]))).toBe(true);
		expect(isBinary(new Uint8Array())).toBe(false);
	});

	it('treats invalid UTF-8 in the first 8 KB as binary', () => {
		expect(isBinary(new Uint8Array([0x63, 0x61, 0x66, 0xe9]))).toBe(true);
	});

	it('looks only at the first 8 KB, and forgives a character cut at that limit', () => {
		const late = new Uint8Array(9000).fill(0x61);
		late[8500] = 0;
		expect(isBinary(late)).toBe(false);
		// 8191 ASCII bytes, then a 3-byte character that straddles the 8 KB limit.
		const straddling = encode('a'.repeat(8191) + '✓' + 'tail');
		expect(isBinary(straddling)).toBe(false);
	});

	it('keeps a BOM in the text so it writes back unchanged', () => {
		const info = describeContent(new Uint8Array([0xef, 0xbb, 0xbf, 0x68, 0x69]));
		expect(info.text).toBe('\ufeffhi');
		expect(info.textIsExact).toBe(true);
		expect(encode(info.text!)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf, 0x68, 0x69]));
	});

	it('hashes content so equal bytes match and a one-byte change does not', () => {
		const a = describeContent(encode('hello world'));
		expect(describeContent(encode('hello world')).hash).toBe(a.hash);
		expect(describeContent(encode('hello worle')).hash).not.toBe(a.hash);
		expect(a.size).toBe(11);
	});

	it('hashes the bytes alone, wherever the array starts in its buffer', () => {
		// Read a word at a time: a view that starts mid-word takes the byte-by-byte way, same answer.
		const bytes = encode('0123456789abcdefghij-a tail of 3');
		const shifted = new Uint8Array(bytes.length + 3);
		for (const offset of [1, 2, 3]) {
			shifted.set(bytes, offset);
			const view = shifted.subarray(offset, offset + bytes.length);
			expect(describeContent(view).hash).toBe(describeContent(bytes).hash);
		}
	});

	it('tells apart a change in any byte, in the words and in the last few', () => {
		const base = new Uint8Array(23).map((_, i) => i * 11);
		const hashes = new Set([describeContent(base).hash]);
		for (let i = 0; i < base.length; i++) {
			const changed = base.slice();
			changed[i] = changed[i]! ^ 1;
			hashes.add(describeContent(changed).hash);
		}
		expect(hashes.size).toBe(base.length + 1);
		// Trailing zeros change the length, and so the hash, even where they fill a word.
		const zeros = [0, 1, 4, 5].map((n) => describeContent(new Uint8Array(n)).hash);
		expect(new Set(zeros).size).toBe(4);
	});
});
