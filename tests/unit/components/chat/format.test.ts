import { describe, expect, it } from 'vitest';
import { diffLines, diffStat } from '../../../../src/lib/components/chat/diff-lines';
import {
	formatDuration,
	formatTokens,
	formatUsage,
	withoutExitLine
} from '../../../../src/lib/components/chat/format';
import { unifiedFileDiff } from '../../../../src/lib/tools';

describe('formatting', () => {
	it('shortens token counts', () => {
		expect([950, 1000, 1234, 56_789, 1_234_567].map(formatTokens)).toEqual([
			'950',
			'1k',
			'1.2k',
			'57k',
			'1.2M'
		]);
	});

	it('writes a turn’s usage with the cached part of the input', () => {
		expect(formatUsage({ input: 400, output: 300, cacheRead: 800, cacheWrite: 0 })).toBe(
			'1.2k in · 300 out · 800 cached'
		);
		expect(formatUsage({ input: 10, output: 2, cacheRead: 0, cacheWrite: 0 })).toBe(
			'10 in · 2 out'
		);
		expect(formatUsage({ input: 0, output: 2, cacheRead: 0, cacheWrite: 5000 })).toBe(
			'5k in · 2 out · 5k to cache'
		);
	});

	it('writes durations', () => {
		expect([1_400, 12_300, 75_000].map(formatDuration)).toEqual(['1.4 s', '12 s', '1 min 15 s']);
	});

	it('shows durations under a second in milliseconds, never "0 s"', () => {
		expect([0, 12, 340, 999.4, 999.6].map(formatDuration)).toEqual([
			'0 ms',
			'12 ms',
			'340 ms',
			'999 ms',
			'1 s'
		]);
	});
});

describe('diffLines', () => {
	it('classifies the lines of the diff a tool reports, without file headers', () => {
		const diff = unifiedFileDiff('a.txt', 'one\ntwo\nthree\n', 'one\n2\nthree\nfour\n');
		const lines = diffLines(diff);
		expect(lines[0]!.kind).toBe('hunk');
		expect(lines.filter((l) => l.kind === 'remove').map((l) => l.text)).toEqual(['-two']);
		expect(lines.filter((l) => l.kind === 'add').map((l) => l.text)).toEqual(['+2', '+four']);
		expect(lines.some((l) => l.text.startsWith('---') || l.text.startsWith('+++'))).toBe(false);
		expect(diffStat(lines)).toEqual({ added: 2, removed: 1 });
	});

	it('returns nothing for text that is not a diff', () => {
		expect(diffLines('')).toEqual([]);
		expect(diffLines('no changes')).toEqual([]);
	});
});

describe('withoutExitLine', () => {
	it('drops the closing exit-code line the card shows on its own', () => {
		expect(withoutExitLine('hello\n\nExit code: 0', 0)).toBe('hello');
		expect(withoutExitLine('(no output)\n\nExit code: 2', 2)).toBe('(no output)');
	});

	it('keeps the note about bytes not kept, and output that only mentions an exit code', () => {
		const noted =
			'a\n\nExit code: 1\n(The command printed 10 more bytes in the middle that were not kept.)';
		expect(withoutExitLine(noted, 1)).toBe(
			'a\n(The command printed 10 more bytes in the middle that were not kept.)'
		);
		expect(withoutExitLine('Exit code: 3 was printed by the script\n\nExit code: 0', 0)).toBe(
			'Exit code: 3 was printed by the script'
		);
	});

	it('leaves other tools’ output alone', () => {
		expect(withoutExitLine('Exit code: 0', undefined)).toBe('Exit code: 0');
	});
});
