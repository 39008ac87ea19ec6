import { describe, expect, it } from 'vitest';
import { diffLines, diffStat } from '../../../../src/lib/components/chat/diff-lines';
import {
	formatDuration,
	formatTokens,
	formatUsage
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
		expect([400, 12_300, 75_000].map(formatDuration)).toEqual(['0.4 s', '12 s', '1 min 15 s']);
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
