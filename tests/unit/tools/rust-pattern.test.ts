import { describe, expect, it } from 'vitest';
import { toRustPattern } from '../../../src/lib/tools/rust-pattern';

describe('toRustPattern', () => {
	it('keeps what both dialects read alike', () => {
		expect(toRustPattern('foo|ba+r', false)).toEqual({ pattern: 'foo|ba+r', ignoreCase: false });
		expect(toRustPattern('a\\.b\\(c\\)\\[d\\]', false)?.pattern).toBe('a\\.b\\(c\\)\\[d\\]');
		expect(toRustPattern('^x{2,3}$', false)?.pattern).toBe('^x{2,3}$');
		expect(toRustPattern('[a-z_]+', false)?.pattern).toBe('[a-z_]+');
	});

	it("spells out JavaScript's ASCII classes and word boundaries", () => {
		expect(toRustPattern('\\d\\D\\w\\W', false)?.pattern).toBe(
			'[0-9][^0-9][0-9A-Za-z_][^0-9A-Za-z_]'
		);
		expect(toRustPattern('\\bx\\B', false)?.pattern).toBe('(?-u:\\b)x(?-u:\\B)');
		expect(toRustPattern('[\\d.]', false)?.pattern).toBe('[[0-9].]');
		expect(toRustPattern('\\s', false)?.pattern).toContain('\\x{FEFF}');
	});

	it("spells out JavaScript's dot, which stops at \\r and the Unicode line separators", () => {
		expect(toRustPattern('a.b', false)?.pattern).toBe('a[^\\n\\r\\x{2028}\\x{2029}]b');
	});

	it('rewrites named groups and escapes to the forms ripgrep 13 reads', () => {
		expect(toRustPattern('(?<word>a)(?:b)', false)?.pattern).toBe('(?P<word>a)(?:b)');
		expect(toRustPattern('\\x41\\u00e9\\u{1F600}', false)?.pattern).toBe(
			'\\x{41}\\x{00e9}\\x{1F600}'
		);
	});

	it('turns a leading (?i) into ignore case, as the in-process engine does', () => {
		expect(toRustPattern('(?i)abc', false)).toEqual({ pattern: 'abc', ignoreCase: true });
	});

	it.each([
		['lookahead', '(?=a)a'],
		['lookbehind', '(?<=a)b'],
		['backreference', '(a)\\1'],
		['named backreference', '(?<n>a)\\k<n>'],
		['a class inside a class', '[[a]'],
		['class set operations', '[a-z&&b]'],
		['an empty class', '[]a]'],
		['an unknown escape', '\\/'],
		['a control escape', '\\cA'],
		['a NUL escape', '\\0'],
		['Unicode properties', '\\p{L}'],
		['a surrogate pair as two escapes', '\\ud83d\\ude00'],
		['a pattern matching an empty line', 'a*'],
		['invalid JavaScript', '('],
		['JavaScript valid only without the u flag', '\\-'],
		['a trailing backslash', 'a\\']
	])('gives up on %s', (_what, pattern) => {
		expect(toRustPattern(pattern, false)).toBeUndefined();
	});

	it('gives up on \\w and \\b with ignore case (JavaScript adds U+017F and U+212A)', () => {
		expect(toRustPattern('\\w+', true)).toBeUndefined();
		expect(toRustPattern('\\bx', true)).toBeUndefined();
		expect(toRustPattern('\\d+', true)).toEqual({ pattern: '[0-9]+', ignoreCase: true });
	});
});
