import { describe, expect, it } from 'vitest';
import { searchText } from '../../../src/lib/tools/grep-engine';
import { lineCountOf, wholeTextRegex } from '../../../src/lib/tools/whole-text-match';

/** What searchText answered before the whole-text shortcut: every line split and tested. */
function lineByLine(text: string, regex: RegExp, firstOnly: boolean) {
	const lines = text.split('\n');
	if (lines.length > 1 && lines.at(-1) === '') lines.pop();
	const matched = lines.flatMap((line, index) => (regex.test(line) ? [index] : []));
	return matched.length === 0
		? undefined
		: { matched: firstOnly ? matched.slice(0, 1) : matched, lineCount: lines.length };
}

const TEXTS = [
	'',
	'\n',
	'alpha\nbeta\n',
	'alpha\r\nbeta gamma\r\n',
	'a\nb\nfoo bar\nfoo\n',
	'end foo\nfoo',
	'x\n\n\ny',
	'foo\nbar\nfoobar'
];
const PATTERNS: RegExp[] = [
	/foo/u,
	/^foo$/u,
	/^b/u,
	/a$/u,
	/\bbar\b/u,
	/a\sb/u,
	/a[^z]b/u,
	/o\nb/u,
	/(?<=foo)bar/u,
	/foo(?!\n)/u,
	/^$/u,
	/gamma\r$/u,
	/BETA/iu
];

describe('the whole-text shortcut in searchText', () => {
	for (const regex of PATTERNS) {
		it(`answers as a line-by-line search for ${String(regex)}`, () => {
			for (const text of TEXTS) {
				for (const firstOnly of [true, false]) {
					const found = searchText('f', text, regex, firstOnly);
					const expected = lineByLine(text, regex, firstOnly);
					expect(
						found && { matched: [...found.matched], lineCount: found.lineCount },
						`${JSON.stringify(text)} firstOnly=${firstOnly}`
					).toEqual(expected);
				}
			}
		});
	}

	it('gives the matching line text when asked, from a file it did not split', () => {
		const found = searchText('f', 'one\ntwo foo\nthree\n', /foo/u, true);
		expect(found?.matched).toEqual([1]);
		expect(found?.line(1)).toBe('two foo');
	});

	it('has no twin for patterns with lookaround, and keeps the other flags (global, multiline)', () => {
		expect(wholeTextRegex(/(?<!x)y/u)).toBeNull();
		expect(wholeTextRegex(/a(?=b)/)).toBeNull();
		expect(wholeTextRegex(/ab/iu)?.flags).toBe('gimu');
	});

	it('counts lines as a split on \\n that drops a final empty line', () => {
		expect(['', '\n', 'a', 'a\n', 'a\nb', 'a\n\n'].map(lineCountOf)).toEqual([1, 1, 1, 1, 2, 2]);
	});
});
