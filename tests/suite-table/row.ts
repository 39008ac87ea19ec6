/**
 * Rows for the table suites (`npm run test:faults`, `npm run test:bad-input`). Each test records
 * what it saw as one row; scripts/table-suite.mjs prints every row with the test's pass/fail, so
 * the table is the suite's own evidence, never a hard-coded summary.
 *
 * Column order is the insertion order of the first row that names a column.
 */
export type Row = Readonly<Record<string, string>>;

declare module 'vitest' {
	interface TaskMeta {
		row?: Row;
	}
}

/** Vitest: `test('…', ({ task }) => { …; recordRow(task, {...}) })`. */
export function recordRow(task: { meta: { row?: Row } }, row: Row): void {
	task.meta.row = { ...task.meta.row, ...row };
}

/** Playwright: `recordE2eRow(test.info(), {...})`; the spec's title carries the suite's tag. */
export function recordE2eRow(
	info: { annotations: { type: string; description?: string }[] },
	row: Row
): void {
	info.annotations.push({ type: 'row', description: JSON.stringify(row) });
}
