import { describe, expect, it } from 'vitest';
import {
	alternating,
	evaluateRow,
	formatMet,
	formatTable,
	medianOrNull,
	tableCells
} from '../../../bench/web/report';
import type { WebBenchRow } from '../../../bench/web/types';

const row = (overrides: Partial<WebBenchRow> = {}): WebBenchRow => ({
	figure: 'JS to paint (gzip)',
	subject: 'IDE',
	value: 300 * 1024,
	unit: 'bytes',
	reference: 'blank SvelteKit page',
	referenceValue: 30 * 1024,
	...overrides
});

describe('bench:web medians of alternating runs', () => {
	it('warms each side up once, then alternates which side goes first', async () => {
		const calls: string[] = [];
		let n = 0;
		const samples = await alternating(3, {
			app: async () => (calls.push('app'), n++),
			reference: async () => (calls.push('reference'), n++)
		});
		expect(calls).toEqual([
			'app',
			'reference',
			'app',
			'reference',
			'reference',
			'app',
			'app',
			'reference'
		]);
		// The warm-up results (0, 1) are dropped.
		expect(samples).toEqual({ app: [2, 5, 6], reference: [3, 4, 7] });
	});

	it('takes the median, and reports a figure missing when any run lacked it', () => {
		expect(medianOrNull([30, 10, 20])).toBe(20);
		expect(medianOrNull([40, 10, 20, 30])).toBe(25);
		expect(medianOrNull([10, null, 30])).toBeNull();
		expect(medianOrNull([])).toBeNull();
	});
});

describe('bench:web rows against their goals', () => {
	it('computes the ratio to the reference and judges an absolute limit', () => {
		expect(evaluateRow(row({ goal: { max: 150 * 1024 } }))).toEqual({ ratio: 10, met: false });
		expect(evaluateRow(row({ value: 100 * 1024, goal: { max: 150 * 1024 } }))).toEqual({
			ratio: 100 / 30,
			met: true
		});
	});

	it('judges a ratio goal, limits included', () => {
		const restore = row({ unit: 'ms', value: 240, referenceValue: 200, goal: { maxRatio: 1.2 } });
		expect(evaluateRow(restore).met).toBe(true);
		expect(evaluateRow({ ...restore, value: 241 }).met).toBe(false);
	});

	it('needs both limits met when a row sets both', () => {
		const both = row({
			unit: 'ms',
			value: 250,
			referenceValue: 100,
			goal: { max: 300, maxRatio: 2 }
		});
		expect(evaluateRow(both).met).toBe(false);
		expect(evaluateRow({ ...both, value: 190 }).met).toBe(true);
	});

	it('cannot judge a missing figure, nor a ratio without a reference', () => {
		expect(evaluateRow(row({ value: null, goal: { max: 1 } }))).toEqual({ ratio: null, met: null });
		expect(evaluateRow(row({ referenceValue: 0, goal: { maxRatio: 2 } }))).toEqual({
			ratio: null,
			met: null
		});
		expect(evaluateRow(row())).toEqual({ ratio: 10, met: null });
	});

	it('names the distance to a missed goal', () => {
		expect(formatMet(row({ goal: { max: 150 * 1024 } }))).toBe('NO (150.0 KiB over)');
		expect(
			formatMet(row({ unit: 'ms', value: 300, referenceValue: 100, goal: { maxRatio: 1.2 } }))
		).toBe('NO (1.80× over)');
		expect(formatMet(row({ value: 1, goal: { max: 150 * 1024 } }))).toBe('yes');
		expect(formatMet(row({ value: null, goal: { max: 1 } }))).toBe('missing');
	});
});

describe('bench:web table', () => {
	it('formats each unit and the reference with its value', () => {
		expect(tableCells(row())).toEqual({
			figure: 'JS to paint (gzip)',
			subject: 'IDE',
			value: '300.0 KiB',
			reference: 'blank SvelteKit page: 30.0 KiB',
			ratio: '10.00×',
			goal: '',
			'met?': ''
		});
		const ms = tableCells(
			row({ unit: 'ms', value: 1_234, referenceValue: 617, goal: { maxRatio: 3 } })
		);
		expect([ms.value, ms.reference, ms.ratio, ms.goal, ms['met?']]).toEqual([
			'1.23 s',
			'blank SvelteKit page: 617.0 ms',
			'2.00×',
			'≤ 3×',
			'yes'
		]);
		expect(tableCells(row({ unit: 'count', value: 1_000, referenceValue: 0 })).ratio).toBe('—');
	});

	it('prints one aligned table, then, row by row, details and why figures are missing', () => {
		const table = formatTable([
			row({ details: ['chunks/a.js 10 KiB gzip: zod 80%'] }),
			row({
				figure: 'LCP',
				subject: '/',
				unit: 'ms',
				value: null,
				referenceValue: 500,
				missing: 'no LCP entry'
			})
		]);
		const lines = table.split('\n');
		expect(lines[0]).toMatch(/^figure\s+subject\s+value\s+reference\s+ratio\s+goal\s+met\?$/);
		expect(lines[1]).toMatch(/^-+( +-+){6}$/);
		// Every column starts where its header does.
		const start = lines[0]!.indexOf('reference');
		expect(lines[2]!.indexOf('blank SvelteKit page: 30.0 KiB')).toBe(start);
		expect(lines[3]!.indexOf('blank SvelteKit page: 500.0 ms')).toBe(start);
		expect(lines[3]).toContain('missing');
		expect(lines.slice(4)).toEqual([
			'',
			'JS to paint (gzip) (IDE): chunks/a.js 10 KiB gzip: zod 80%',
			'LCP (/): no LCP entry'
		]);
	});
});
