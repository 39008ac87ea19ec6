/**
 * `npm run bench:storage`: Kiln's storage in real Chromium and real IndexedDB, each row against
 * the bare library doing the same bytes in the same run. Prints one table and writes
 * bench/results/storage.json. Options: --runs N (kept runs per row, after one warm-up run),
 * --only ID (repeatable), --port N (default KILN_BENCH_PORT or 4381), --out FILE.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Page } from '@playwright/test';
import { chromiumLaunchOptions } from '../../tooling/chromium';
import {
	aggregate,
	buildGoals,
	buildRows,
	formatBytes,
	formatMs,
	formatTable,
	type Aggregate
} from './report';
import { buildPage, servePage } from './serve-page';
import { MEASUREMENTS, type BenchPageApi, type MeasurementId, type Sample } from './types';

declare global {
	interface Window {
		kilnStorageBench?: BenchPageApi;
	}
}

async function main(): Promise<number> {
	const { values } = parseArgs({
		options: {
			runs: { type: 'string', default: '5' },
			only: { type: 'string', multiple: true },
			port: { type: 'string', default: process.env.KILN_BENCH_PORT ?? '4381' },
			out: { type: 'string', default: 'bench/results/storage.json' }
		}
	});
	const runs = Number(values.runs);
	const port = Number(values.port);
	const unknown = (values.only ?? []).filter((id) => !MEASUREMENTS.includes(id as MeasurementId));
	if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(port) || unknown.length > 0) {
		console.error(
			`Usage: npm run bench:storage -- [--runs N ≥ 1] [--port N] [--only ID]…; ` +
				`IDs: ${MEASUREMENTS.join(', ')}.`
		);
		return 2;
	}
	const wanted = MEASUREMENTS.filter((id) => !values.only || values.only.includes(id));

	const started = Date.now();
	console.log('  building the bench page…');
	await buildPage();
	const server = await servePage(port);
	const options = chromiumLaunchOptions();
	// gc() between runs, so one run's garbage is not collected during the next one's timing.
	const browser = await chromium.launch({
		...options,
		args: [...options.args, '--js-flags=--expose-gc']
	});
	try {
		const page = await browser.newPage();
		page.on('pageerror', (error) => console.error(`  page error: ${error.message}`));
		await page.goto(server.url);
		await page.waitForFunction(() => window.kilnStorageBench !== undefined, null, {
			timeout: 60_000
		});
		const fixture = await page.evaluate(() => window.kilnStorageBench!.info());
		if (!fixture.crossOriginIsolated) {
			throw new Error('The bench page is not cross-origin isolated: check the served headers.');
		}
		console.log(
			`  project: ${fixture.fileCount} files, ${formatBytes(fixture.totalBytes)} ` +
				`(${fixture.binaryCount} binary, ${formatBytes(fixture.binaryBytes)}), ` +
				`fingerprint ${fixture.fingerprint}`
		);

		const measurements: Partial<Record<MeasurementId, Aggregate>> = {};
		for (const id of wanted) {
			const samples = await measure(page, id, runs);
			measurements[id] = aggregate(id, samples);
		}
		const goals = buildGoals(measurements);
		const rows = buildRows(measurements, goals);
		const report = {
			benchmark: 'storage' as const,
			date: new Date().toISOString(),
			runs,
			fixture,
			measurements: Object.values(measurements),
			rows,
			goals
		};
		const out = resolve(values.out!);
		await mkdir(dirname(out), { recursive: true });
		await writeFile(out, `${JSON.stringify(report, null, 2)}\n`);

		console.log(
			`\nStorage benchmark — Chromium ${fixture.userAgent.match(/Chrome\/([\d.]+)/)?.[1] ?? '?'}, ` +
				`real IndexedDB; median of ${runs} run(s) after a warm-up, databases emptied before each side.\n`
		);
		console.log(formatTable(rows));
		const share = measurements.share?.medians;
		if (share) {
			console.log(
				`\nStatic site template: ${formatBytes(share.rawBytes)} raw, JSON ${formatBytes(share.jsonBytes)}, ` +
					`gzip -9 ${formatBytes(share.gzipBytes)}.`
			);
		}
		const exported = measurements.export?.medians;
		if (exported) {
			console.log(
				`Export: collecting files ${formatMs(exported.kilnCollectMs)}, compressing ` +
					`${formatMs(exported.kilnCompressMs)} (fflate's async zip alone: ` +
					`${formatMs(exported.bareAsyncMs)}); longest main-thread task ` +
					`${formatMs(exported.kilnLongestTaskMs)} (zipSync: ${formatMs(exported.bareLongestTaskMs)}).`
			);
		}
		const imported = measurements.import?.medians;
		if (imported) {
			console.log(
				`Import: fflate's streaming Unzip alone ${formatMs(imported.bareStreamMs)} ` +
					`(unzipSync ${formatMs(imported.bareMs)}); longest main-thread task ` +
					`${formatMs(imported.kilnLongestTaskMs)}.`
			);
		}
		console.log(`\nWrote ${out} in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
		return 0;
	} finally {
		await browser.close();
		await server.close();
	}
}

async function measure(page: Page, id: MeasurementId, runs: number): Promise<Sample[]> {
	const samples: Sample[] = [];
	// Run 0 is the warm-up (JIT, the browser's IndexedDB backend) and is dropped.
	for (let run = 0; run <= runs; run++) {
		const sample = await page.evaluate(
			([which, index]) => window.kilnStorageBench!.measure(which, index),
			[id, run] as const
		);
		if (run > 0) samples.push(sample);
		process.stdout.write(`\r  ${id}: run ${run}/${runs}${run === 0 ? ' (warm-up)' : ''}   `);
	}
	process.stdout.write('\n');
	return samples;
}

main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		console.error('The storage benchmark crashed:', error);
		process.exit(2);
	}
);
