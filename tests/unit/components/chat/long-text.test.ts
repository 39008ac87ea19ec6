import { describe, expect, it } from 'vitest';
import { blocksOf, countLines, previewOf } from '$lib/components/chat/long-text';

const numbered = (count: number) =>
	Array.from({ length: count }, (_, index) => `line ${index + 1}`).join('\n');

describe('countLines', () => {
	it('counts a last line without a newline, and none after a final newline', () => {
		expect(countLines('')).toBe(0);
		expect(countLines('one')).toBe(1);
		expect(countLines('one\n')).toBe(1);
		expect(countLines('one\ntwo')).toBe(2);
		expect(countLines('\n\n')).toBe(2);
		expect(countLines(numbered(10_241))).toBe(10_241);
	});
});

describe('previewOf', () => {
	it('keeps a short text whole', () => {
		expect(previewOf('a\nb\nc', 40, 4_000)).toEqual({
			shown: 'a\nb\nc',
			totalLines: 3,
			cut: false
		});
	});

	it('stops after the line limit, at a line end', () => {
		const preview = previewOf(numbered(100), 40, 4_000);
		expect(preview.shown).toBe(numbered(40) + '\n');
		expect(preview.totalLines).toBe(100);
		expect(preview.cut).toBe(true);
	});

	it('stops before the line that would pass the character limit', () => {
		const text = 'a'.repeat(30) + '\n' + 'b'.repeat(30) + '\n' + 'c'.repeat(30);
		expect(previewOf(text, 40, 70).shown).toBe('a'.repeat(30) + '\n' + 'b'.repeat(30) + '\n');
	});

	it('cuts a first line longer than the character limit inside it', () => {
		const preview = previewOf('x'.repeat(10_000), 40, 4_000);
		expect(preview.shown).toBe('x'.repeat(4_000));
		expect(preview.totalLines).toBe(1);
		expect(preview.cut).toBe(true);
	});
});

describe('blocksOf', () => {
	it('splits into blocks of whole lines that join back into the text', () => {
		const text = numbered(450);
		const blocks = blocksOf(text, 200);
		expect(blocks.map((block) => block.lines)).toEqual([200, 200, 50]);
		expect(blocks.map((block) => block.text).join('')).toBe(text);
		expect(blocks[0]!.text.endsWith('line 200\n')).toBe(true);
		expect(blocks[2]!.text).toBe(numbered(450).split('\n').slice(400).join('\n'));
	});

	it('gives nothing for an empty text, and one block for one without newlines', () => {
		expect(blocksOf('', 200)).toEqual([]);
		expect(blocksOf('abc', 200)).toEqual([{ text: 'abc', lines: 1 }]);
	});
});
