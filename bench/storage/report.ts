/** Pure helpers: medians of the runs, the table, the goals and the JSON the runner writes. */
import type { FixtureInfo, MeasurementId, Sample } from './types';

export interface Aggregate {
	readonly id: MeasurementId;
	/** Median over the kept runs; null when any run had no value (Kiln's side not available). */
	readonly medians: Record<string, number | null>;
	readonly samples: readonly Sample[];
	readonly notes: readonly string[];
}

export interface GoalCheck {
	readonly name: string;
	/** null: not measurable on this branch (the note says why). */
	readonly pass: boolean | null;
	readonly actual: number | null;
	readonly limit: number;
	readonly detail: string;
}

export interface TableRow {
	readonly measurement: string;
	readonly kiln: string;
	readonly bare: string;
	readonly baseline: string;
	readonly ratio: string;
	readonly goal: string;
	readonly result: string;
}

export interface StorageReport {
	readonly benchmark: 'storage';
	readonly date: string;
	readonly runs: number;
	readonly fixture: FixtureInfo;
	readonly measurements: readonly Aggregate[];
	readonly rows: readonly TableRow[];
	readonly goals: readonly GoalCheck[];
}

export const GOALS = {
	/** Restore within 1.2× bare idb-keyval getMany of the same bytes. */
	maxRestoreRatio: 1.2,
	/** A one-file checkpoint writes less than twice that file's size. */
	maxCheckpointBytesRatio: 2
} as const;

export function median(values: readonly number[]): number {
	if (values.length === 0) throw new Error('The median of no values is undefined.');
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function aggregate(id: MeasurementId, samples: readonly Sample[]): Aggregate {
	const names = new Set(samples.flatMap((sample) => Object.keys(sample.values)));
	const medians: Record<string, number | null> = {};
	for (const name of names) {
		const values = samples.map((sample) => sample.values[name]);
		medians[name] = values.every((value) => typeof value === 'number')
			? median(values as number[])
			: null;
	}
	const notes = [...new Set(samples.flatMap((sample) => sample.notes))];
	return { id, medians, samples, notes };
}

/** Base64url without padding: the characters a URL fragment needs for `bytes` bytes. */
export function base64UrlLength(bytes: number): number {
	return Math.ceil((bytes * 4) / 3);
}

/**
 * Kiln/bare as the median of each run's own ratio: both sides of a run are measured moments
 * apart, so a slow spell of a shared machine weighs on both and cancels out, which a ratio of
 * medians taken from different runs does not. Null when a run lacks either side.
 */
export function pairedRatio(
	aggregate: Aggregate | undefined,
	kilnName: string,
	bareName: string
): number | null {
	if (!aggregate || aggregate.samples.length === 0) return null;
	const ratios: number[] = [];
	for (const { values } of aggregate.samples) {
		const kiln = values[kilnName];
		const bare = values[bareName];
		if (typeof kiln !== 'number' || typeof bare !== 'number' || bare === 0) return null;
		ratios.push(kiln / bare);
	}
	return median(ratios);
}

export function formatMs(ms: number | null | undefined): string {
	if (ms === null || ms === undefined) return 'n/a';
	if (ms < 10) return `${ms.toFixed(2)} ms`;
	if (ms < 1_000) return `${ms.toFixed(1)} ms`;
	return `${(ms / 1_000).toFixed(2)} s`;
}

export function formatBytes(bytes: number | null | undefined): string {
	if (bytes === null || bytes === undefined) return 'n/a';
	if (bytes < 1_024) return `${bytes} B`;
	if (bytes < 1_024 * 1_024) return `${(bytes / 1_024).toFixed(1)} KiB`;
	return `${(bytes / 1_024 / 1_024).toFixed(1)} MiB`;
}

export function ratio(kiln: number | null | undefined, bare: number | null | undefined) {
	if (kiln === null || kiln === undefined || !bare) return null;
	return kiln / bare;
}

export function formatRatio(value: number | null): string {
	return value === null ? '—' : `${value.toFixed(2)}×`;
}

/** PASS/MISS against an upper limit, with the distance: "PASS (0.13× under)". */
export function checkGoal(
	name: string,
	actual: number | null,
	limit: number,
	strict: boolean,
	missing: string
): GoalCheck {
	if (actual === null) return { name, pass: null, actual, limit, detail: missing };
	const pass = strict ? actual < limit : actual <= limit;
	const distance = Math.abs(limit - actual).toFixed(2);
	return {
		name,
		pass,
		actual,
		limit,
		detail: `${pass ? 'PASS' : 'MISS'} (${distance}× ${actual <= limit ? 'under' : 'over'})`
	};
}

type Medians = Partial<Record<MeasurementId, Aggregate>>;

const valueOf = (measurements: Medians, id: MeasurementId, name: string) =>
	measurements[id]?.medians[name] ?? null;

/** The result column: the goal's verdict, else why Kiln's side is missing (the run's note). */
function resultText(
	measurements: Medians,
	id: MeasurementId,
	kiln: number | null,
	goal?: GoalCheck
) {
	if (goal) return goal.detail;
	return kiln === null ? (measurements[id]?.notes[0] ?? 'n/a') : '';
}

export function buildGoals(measurements: Medians): GoalCheck[] {
	const restore = pairedRatio(measurements.restore, 'kilnMs', 'bareMs');
	const checkpoint = pairedRatio(measurements.checkpoint, 'writtenBytes', 'fileBytes');
	return [
		checkGoal(
			`restore ≤ ${GOALS.maxRestoreRatio}× bare idb-keyval getMany`,
			restore,
			GOALS.maxRestoreRatio,
			false,
			'n/a (restore not measured)'
		),
		checkGoal(
			`one-file checkpoint writes < ${GOALS.maxCheckpointBytesRatio}× the file's size`,
			checkpoint,
			GOALS.maxCheckpointBytesRatio,
			true,
			measurements.checkpoint?.notes[0] ?? 'n/a (checkpoint not measured)'
		)
	];
}

export function buildRows(measurements: Medians, goals: readonly GoalCheck[]): TableRow[] {
	const rows: TableRow[] = [];
	const v = (id: MeasurementId, name: string) => valueOf(measurements, id, name);
	const timed = (
		measurement: string,
		id: MeasurementId,
		kilnName: string,
		bareName: string,
		baseline: string,
		goal?: GoalCheck
	) => {
		if (!measurements[id]) return;
		const kiln = v(id, kilnName);
		rows.push({
			measurement,
			kiln: formatMs(kiln),
			bare: formatMs(v(id, bareName)),
			baseline,
			ratio: formatRatio(pairedRatio(measurements[id], kilnName, bareName)),
			goal: goal ? goalText(goal) : '',
			result: resultText(measurements, id, kiln, goal)
		});
	};
	const sized = (
		measurement: string,
		id: MeasurementId,
		kilnValue: number | null,
		bareValue: number | null,
		baseline: string,
		format: (n: number | null) => string,
		goal?: GoalCheck
	) => {
		if (!measurements[id]) return;
		rows.push({
			measurement,
			kiln: format(kilnValue),
			bare: format(bareValue),
			baseline,
			ratio: formatRatio(ratio(kilnValue, bareValue)),
			goal: goal ? goalText(goal) : '',
			result: resultText(measurements, id, kilnValue, goal)
		});
	};
	const [restoreGoal, checkpointGoal] = goals;

	timed('save project (putFiles)', 'save', 'kilnMs', 'bareMs', 'idb-keyval setMany');
	timed(
		'restore (loadProjectSnapshot)',
		'restore',
		'kilnMs',
		'bareMs',
		'idb-keyval getMany',
		restoreGoal
	);
	timed('restore, vs one getAll', 'restore', 'kilnMs', 'bareGetAllMs', 'store.getAll()');
	timed('edit → durable (putFile)', 'edit', 'kilnMs', 'bareMs', 'idb-keyval set');
	timed('edit → durable (workspace)', 'edit', 'workspaceMs', 'bareMs', 'idb-keyval set');
	timed('checkpoint, 1-file change: time', 'checkpoint', 'kilnMs', 'bareMs', 'idb-keyval set');
	sized(
		'checkpoint, 1-file change: bytes written',
		'checkpoint',
		v('checkpoint', 'writtenBytes'),
		v('checkpoint', 'fileBytes'),
		"the file's size",
		formatBytes,
		checkpointGoal
	);
	timed('export zip (exportProject)', 'export', 'kilnMs', 'bareMs', 'fflate zipSync, same level');
	sized(
		'export zip: size',
		'export',
		v('export', 'kilnZipBytes'),
		v('export', 'zipBytes'),
		'fflate zipSync',
		formatBytes
	);
	timed(
		'export zip, vs async zip',
		'export',
		'kilnMs',
		'bareAsyncMs',
		'fflate zip (async), same level'
	);
	timed('import zip (importZip)', 'import', 'kilnMs', 'bareMs', 'fflate unzipSync');
	timed(
		'import zip, vs streaming',
		'import',
		'kilnMs',
		'bareStreamMs',
		'fflate Unzip, 16 KB steps'
	);
	const chars = (n: number | null) => (n === null ? 'n/a' : `${n.toLocaleString('en-US')} chars`);
	sized(
		'share link: Static site',
		'share',
		v('share', 'kilnChars'),
		v('share', 'bareChars'),
		'gzip -9 JSON, base64url',
		chars
	);
	sized(
		'share link: its fragment',
		'share',
		v('share', 'kilnFragmentChars'),
		v('share', 'bareChars'),
		'gzip -9 JSON, base64url',
		chars
	);
	return rows;
}

function goalText(goal: GoalCheck): string {
	return `${goal.name.includes('<') ? '<' : '≤'} ${goal.limit}×`;
}

const HEADER: Record<keyof TableRow, string> = {
	measurement: 'measurement',
	kiln: 'Kiln',
	bare: 'bare',
	baseline: 'bare is',
	ratio: 'Kiln/bare',
	goal: 'goal',
	result: 'result'
};

export function formatTable(rows: readonly TableRow[]): string {
	const columns = Object.keys(HEADER) as (keyof TableRow)[];
	const widths = columns.map((column) =>
		Math.max(HEADER[column].length, ...rows.map((row) => row[column].length))
	);
	const rightAligned = new Set<keyof TableRow>(['kiln', 'bare', 'ratio']);
	const line = (cells: Record<keyof TableRow, string>) =>
		columns
			.map((column, i) =>
				rightAligned.has(column)
					? cells[column].padStart(widths[i]!)
					: cells[column].padEnd(widths[i]!)
			)
			.join('  ')
			.trimEnd();
	return [line(HEADER), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
