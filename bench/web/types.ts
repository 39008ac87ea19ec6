/**
 * The contract between `npm run bench:web`'s runner (bench/web/run.ts) and its measures
 * (bench/web/measures/*.ts). A measure drives the real app in the system Chromium and returns
 * rows; the runner prints one table and writes bench/results/web.json. Every row carries the
 * reference it is compared with, measured in the same run, so the table prints ratios.
 */
import type { Browser } from '@playwright/test';

export interface WebBenchContext {
	browser: Browser;
	/** The production build served like `npm start` (compression, cache headers), e.g. http://localhost:4391. */
	appUrl: string;
	/** The scripted model server's base URL (Anthropic wire; `/v1` for OpenAI). */
	modelUrl: string;
	/** Kept runs per figure (after one warm-up); rows report the median. */
	runs: number;
	/** Chromium throttled like Fast 3G with 4× CPU, or unthrottled. */
	throttled: boolean;
	/**
	 * The blank SvelteKit page (same versions, built and served the same way), the reference for
	 * bytes, LCP, ready and heap. Absent when a caller runs a measure without it.
	 */
	blankUrl?: string;
}

export interface WebBenchRow {
	/** What is measured, e.g. `long tasks > 50 ms, 15 ms/delta`. */
	figure: string;
	/** Where: `/`, `IDE`, `1,000-message session`… */
	subject: string;
	/** null: the figure could not be measured this run (`missing` says why). */
	value: number | null;
	unit: 'ms' | 'bytes' | 'count';
	/** What the value is compared with in the same run, e.g. `blank SvelteKit page`, `idb-keyval getMany`. */
	reference: string;
	referenceValue: number | null;
	/** The issue's goal, when it sets one: a ratio to the reference or an absolute limit. */
	goal?: { maxRatio?: number; max?: number };
	/** Why value (or referenceValue) is null, e.g. `no kiln:runtime-ready mark within 60 s`. */
	missing?: string;
	/** Lines printed under the table and kept in the JSON (e.g. a chunk's main packages). */
	details?: string[];
}

export interface WebBenchMeasure {
	id: string;
	/** Whether the measure makes sense under throttling (heavy measures may run unthrottled only). */
	throttles: boolean;
	run(context: WebBenchContext): Promise<WebBenchRow[]>;
}
