/** What crosses between the bench page and the Node runner (plain JSON). */

/** The measurements, in the order the table shows them. */
export const MEASUREMENTS = [
	'save',
	'restore',
	'edit',
	'checkpoint',
	'export',
	'import',
	'share'
] as const;
export type MeasurementId = (typeof MEASUREMENTS)[number];

/**
 * One run of one measurement: named numbers (milliseconds end in `Ms`, sizes in `Bytes` or
 * `Chars`); null where Kiln's side is not available on this branch, with the reason in `notes`.
 */
export interface Sample {
	readonly values: Record<string, number | null>;
	readonly notes: readonly string[];
}

/** What the page says about the project it generated. */
export interface FixtureInfo {
	readonly fileCount: number;
	readonly totalBytes: number;
	readonly binaryCount: number;
	readonly binaryBytes: number;
	readonly fingerprint: string;
	readonly crossOriginIsolated: boolean;
	readonly userAgent: string;
}

/** The page's API, installed on `window.kilnStorageBench`. */
export interface BenchPageApi {
	info(): FixtureInfo;
	/** One run; `run` alternates which side goes first, so neither always meets a warm cache. */
	measure(id: MeasurementId, run: number): Promise<Sample>;
}
