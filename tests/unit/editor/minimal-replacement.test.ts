import { describe, expect, it } from 'vitest';
import { ChangeSet, Text } from '@codemirror/state';
import { formatSize, minimalReplacement } from '$lib/editor';

function apply(before: string, after: string): string {
	const change = minimalReplacement(before, after);
	if (!change) return before;
	return ChangeSet.of(change, before.length)
		.apply(Text.of(before.split('\n')))
		.toString();
}

describe('minimalReplacement', () => {
	it('is null for equal texts', () => {
		expect(minimalReplacement('same', 'same')).toBeNull();
	});

	it('replaces only the differing middle', () => {
		expect(minimalReplacement('const a = 1;\n', 'const a = 42;\n')).toEqual({
			from: 10,
			to: 11,
			insert: '42'
		});
	});

	it.each([
		['', 'new'],
		['old', ''],
		['aaa', 'aaaa'],
		['abcabc', 'abc'],
		['x\ny\nz', 'x\nY\nz'],
		['prefix', 'prefix and more'],
		['tail', 'head tail']
	])('turns %j into %j', (before, after) => {
		expect(apply(before, after)).toBe(after);
	});
});

describe('formatSize', () => {
	it.each([
		[0, '0 B'],
		[812, '812 B'],
		[2048, '2.0 KB'],
		[5 * 1024 * 1024, '5.0 MB'],
		[150 * 1024, '150 KB']
	])('%d bytes → %s', (bytes, text) => {
		expect(formatSize(bytes)).toBe(text);
	});
});
