/**
 * The write and edit cards' diff stops searching for the smallest set of changes past
 * DIFF_MAX_EDIT_LENGTH changed lines, and shows the change as every line replaced. Where the
 * library's full search has nothing smaller to find (a new file, a rewrite sharing no line), the
 * two must be the same text; the full search is run here for the comparison, never in the app.
 */
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import { describe, expect, it } from 'vitest';
import { DIFF_MAX_EDIT_LENGTH, unifiedFileDiff } from '../../../src/lib/tools/unified-file-diff';

const numbered = (count: number, tag: string) =>
	Array.from({ length: count }, (_, index) => `line ${index} ${tag}`).join('\n');

function fullSearch(path: string, before: string, after: string): string | undefined {
	return createTwoFilesPatch(`a/${path}`, `b/${path}`, before, after, undefined, undefined, {
		context: 3,
		headerOptions: FILE_HEADERS_ONLY
	});
}

describe('unifiedFileDiff', () => {
	it('finds the smallest diff of a small change in a long file', () => {
		// Long, but a few milliseconds to diff: far from the time limit even on a busy machine.
		const before = numbered(2_000, 'a') + '\n';
		const after = before.replace('line 1000 a\n', 'line 1000 z\n');
		const diff = unifiedFileDiff('big.txt', before, after);
		expect(diff).toBe(fullSearch('big.txt', before, after));
		expect(diff).toContain('-line 1000 a\n+line 1000 z\n');
	});

	it('shows a new file of more lines than it searches as every line added, as a full search would', () => {
		const after = numbered(DIFF_MAX_EDIT_LENGTH * 4, 'new') + '\n';
		const diff = unifiedFileDiff('new.txt', '', after);
		expect(diff).toBe(fullSearch('new.txt', '', after));
		expect(diff).toContain(`@@ -0,0 +1,${DIFF_MAX_EDIT_LENGTH * 4} @@`);
	});

	it('shows a rewrite sharing no line as every line replaced, as a full search would', () => {
		for (const ending of ['\n', '']) {
			const before = numbered(DIFF_MAX_EDIT_LENGTH, 'old') + ending;
			const after = numbered(DIFF_MAX_EDIT_LENGTH + 100, 'new') + ending;
			expect(unifiedFileDiff('page.html', before, after)).toBe(
				fullSearch('page.html', before, after)
			);
		}
	});

	it('past the limit, shows a change of every other line as every line replaced', () => {
		const count = DIFF_MAX_EDIT_LENGTH + 2; // half of them changed: an edit length of `count`
		const before = numbered(count, 'a') + '\n';
		const after = before.replace(/line (\d*[02468]) a/g, 'line $1 b');
		const diff = unifiedFileDiff('half.txt', before, after);
		expect(diff.match(/^@@ .* @@$/gm)).toEqual([`@@ -1,${count} +1,${count} @@`]);
		const lines = diff.split('\n');
		expect(lines.filter((line) => /^-line/.test(line))).toHaveLength(count);
		expect(lines.filter((line) => /^\+line/.test(line))).toHaveLength(count);
	});

	it('marks a last line without a newline on each side', () => {
		const before = numbered(DIFF_MAX_EDIT_LENGTH, 'old');
		const after = numbered(DIFF_MAX_EDIT_LENGTH, 'new') + '\n';
		const diff = unifiedFileDiff('x.txt', before, after);
		expect(diff).toBe(fullSearch('x.txt', before, after));
		expect(diff.match(/\\ No newline at end of file/g)).toHaveLength(1);
	});

	it('shows a file emptied as every line removed', () => {
		const before = numbered(DIFF_MAX_EDIT_LENGTH * 2, 'old') + '\n';
		const diff = unifiedFileDiff('gone.txt', before, '');
		expect(diff).toBe(fullSearch('gone.txt', before, ''));
		expect(diff).toContain(`@@ -1,${DIFF_MAX_EDIT_LENGTH * 2} +0,0 @@`);
	});
});
