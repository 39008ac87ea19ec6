/**
 * Pure parts of `npm run bench:web`: medians of alternating runs, each row's ratio and goal
 * verdict, and the one table the runner prints. No browser here, so the unit tests cover it all.
 */
import { formatBytes, formatMs, median } from '../storage/report';
import type { WebBenchRow } from './types';

export { median };

/** The median, or null when any run had no value (a missing run would bias the rest). */
export function medianOrNull(values: readonly (number | null)[]): number | null {
	if (values.length === 0 || values.some((value) => value === null)) return null;
	return median(values as number[]);
}

export interface AlternatingSamples<T> {
	app: T[];
	reference: T[];
}

/**
 * Runs the app and its reference one after the other, `runs` times after one warm-up of each,
 * swapping which goes first every run: a slow spell of a shared machine then weighs on both
 * sides, and neither always runs second (warmer caches, a fuller heap).
 */
export async function alternating<T>(
	runs: number,
	sides: { app: () => Promise<T>; reference: () => Promise<T> }
): Promise<AlternatingSamples<T>> {
	await sides.app();
	await sides.reference();
	const samples: AlternatingSamples<T> = { app: [], reference: [] };
	for (let run = 0; run < runs; run++) {
		const order = run % 2 === 0 ? (['app', 'reference'] as const) : (['reference', 'app'] as const);
		for (const side of order) samples[side].push(await sides[side]());
	}
	return samples;
}

export interface RowVerdict {
	/** value / referenceValue; null when either is missing or the reference is 0. */
	ratio: number | null;
	/** true/false against the goal; null without a goal or without the numbers it needs. */
	met: boolean | null;
}

export function evaluateRow(row: WebBenchRow): RowVerdict {
	const { value, referenceValue, goal } = row;
	const ratio =
		value !== null && referenceValue !== null && referenceValue > 0 ? value / referenceValue : null;
	if (!goal || (goal.max === undefined && goal.maxRatio === undefined)) return { ratio, met: null };
	const checks: boolean[] = [];
	if (goal.max !== undefined) {
		if (value === null) return { ratio, met: null };
		checks.push(value <= goal.max);
	}
	if (goal.maxRatio !== undefined) {
		if (ratio === null) return { ratio, met: null };
		checks.push(ratio <= goal.maxRatio);
	}
	return { ratio, met: checks.every(Boolean) };
}

export function formatValue(value: number | null, unit: WebBenchRow['unit']): string {
	if (value === null) return 'missing';
	if (unit === 'ms') return formatMs(value);
	if (unit === 'bytes') return formatBytes(value);
	return Math.round(value).toLocaleString('en-US');
}

export function formatGoal(row: WebBenchRow): string {
	const parts: string[] = [];
	if (row.goal?.max !== undefined) parts.push(`≤ ${formatValue(row.goal.max, row.unit)}`);
	if (row.goal?.maxRatio !== undefined) parts.push(`≤ ${row.goal.maxRatio}×`);
	return parts.join(', ');
}

/** The verdict column: yes, NO with the distance to the goal, or why it could not be judged. */
export function formatMet(row: WebBenchRow, verdict: RowVerdict = evaluateRow(row)): string {
	if (!row.goal) return row.value === null ? 'missing' : '';
	if (verdict.met === true) return 'yes';
	if (verdict.met === null) return 'missing';
	const over: string[] = [];
	if (row.goal.max !== undefined && row.value !== null && row.value > row.goal.max) {
		over.push(`${formatValue(row.value - row.goal.max, row.unit)} over`);
	}
	if (row.goal.maxRatio !== undefined && verdict.ratio !== null) {
		if (verdict.ratio > row.goal.maxRatio) {
			over.push(`${(verdict.ratio - row.goal.maxRatio).toFixed(2)}× over`);
		}
	}
	return `NO (${over.join(', ')})`;
}

export const TABLE_COLUMNS = [
	'figure',
	'subject',
	'value',
	'reference',
	'ratio',
	'goal',
	'met?'
] as const;
type Column = (typeof TABLE_COLUMNS)[number];

export function tableCells(row: WebBenchRow): Record<Column, string> {
	const verdict = evaluateRow(row);
	return {
		figure: row.figure,
		subject: row.subject,
		value: formatValue(row.value, row.unit),
		reference: `${row.reference}: ${formatValue(row.referenceValue, row.unit)}`,
		ratio: verdict.ratio === null ? '—' : `${verdict.ratio.toFixed(2)}×`,
		goal: formatGoal(row),
		'met?': formatMet(row, verdict)
	};
}

/** One table for every measure's rows, then the details and reasons for missing figures. */
export function formatTable(rows: readonly WebBenchRow[]): string {
	const cells = rows.map(tableCells);
	const widths = TABLE_COLUMNS.map((column) =>
		Math.max(column.length, ...cells.map((cell) => cell[column].length))
	);
	const right = new Set<Column>(['value', 'ratio']);
	const line = (cell: Record<Column, string>) =>
		TABLE_COLUMNS.map((column, i) =>
			right.has(column) ? cell[column].padStart(widths[i]!) : cell[column].padEnd(widths[i]!)
		)
			.join('  ')
			.trimEnd();
	const header = Object.fromEntries(TABLE_COLUMNS.map((c) => [c, c])) as Record<Column, string>;
	const lines = [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)];
	const notes = rows.flatMap((row) => [
		...(row.missing ? [`${row.figure} (${row.subject}): ${row.missing}`] : []),
		...(row.details ?? []).map((detail) => `${row.figure} (${row.subject}): ${detail}`)
	]);
	if (notes.length > 0) lines.push('', ...notes);
	return lines.join('\n');
}
