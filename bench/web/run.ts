/**
 * `npm run bench:web`: the app built once and served like `npm start`, a blank SvelteKit page
 * built and served the same way, the scripted model server, and the system Chromium; every
 * measure of bench/web/measures/index.ts unthrottled and (when it throttles) with Fast 3G + 4×
 * CPU. Prints one table, writes bench/results/web.json.
 * Options: --runs N (kept runs per figure after one warm-up, default 3), --only ID (repeatable),
 * --no-throttle, --skip-build (serve the existing build/), --port N (default KILN_BENCH_PORT or
 * 4391; the app's preview origin takes N+1, the blank page N+2, the model server N+3),
 * --out FILE.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from '../../tooling/chromium';
import { BUNDLE_REPORT_PATH } from '../../tooling/bundle-report';
import { startMockModelServer } from '../../tooling/mock-model';
import { startServer } from '../../scripts/serve.mjs';
import { buildBlankPage } from './blank';
import { THROTTLE_LABEL } from './browser';
import { MEASURES } from './measures';
import { evaluateRow, formatTable } from './report';
import type { WebBenchContext, WebBenchRow } from './types';

function run(command: string, args: string[]): Promise<void> {
	return new Promise((resolvePromise, reject) => {
		const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'] });
		child.on('error', reject);
		child.on('exit', (code) =>
			code === 0
				? resolvePromise()
				: reject(new Error(`${command} ${args.join(' ')} failed (exit ${code}).`))
		);
	});
}

/** The same steps as `npm run build` (scripts/build.mjs, then its postbuild). */
async function buildApp(): Promise<void> {
	await run(process.execPath, ['scripts/build.mjs']);
	await run(process.execPath, ['scripts/project-preloads.mjs']);
	await run(process.execPath, ['scripts/build-preview-origin.mjs']);
	await run(process.execPath, ['scripts/precompress.mjs']);
}

interface RowResult extends WebBenchRow {
	measure: string;
	throttled: boolean;
	ratio: number | null;
	met: boolean | null;
}

const USAGE =
	'Usage: npm run bench:web -- [--runs N ≥ 1] [--only ID]… [--no-throttle] [--skip-build] ' +
	'[--port N] [--out FILE]';

function options() {
	return parseArgs({
		options: {
			runs: { type: 'string', default: '3' },
			only: { type: 'string', multiple: true },
			'no-throttle': { type: 'boolean', default: false },
			'skip-build': { type: 'boolean', default: false },
			port: { type: 'string', default: process.env.KILN_BENCH_PORT ?? '4391' },
			out: { type: 'string', default: 'bench/results/web.json' }
		}
	});
}

async function main(): Promise<number> {
	let values: ReturnType<typeof options>['values'];
	try {
		values = options().values;
	} catch (error) {
		console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}.`);
		return 2;
	}
	const runs = Number(values.runs);
	const port = Number(values.port);
	const ids = MEASURES.map((measure) => measure.id);
	const unknown = (values.only ?? []).filter((id) => !ids.includes(id));
	if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(port) || unknown.length > 0) {
		console.error(`${USAGE}; IDs: ${ids.join(', ')}.`);
		return 2;
	}
	const measures = MEASURES.filter((m) => !values.only || values.only.includes(m.id));

	const started = Date.now();
	if (values['skip-build']) {
		if (!existsSync('build/index.html') || !existsSync(BUNDLE_REPORT_PATH)) {
			console.error(
				'No build to reuse (build/ or the bundle report is missing): drop --skip-build.'
			);
			return 2;
		}
	} else {
		console.log(
			'  building the app (two-pass vite build, project preloads, preview origin, precompress)…'
		);
		await buildApp();
	}
	console.log('  building the blank SvelteKit page…');
	const blankRoot = await buildBlankPage();

	const app = await startServer({ port, previewPort: port + 1 });
	const blank = await startServer({ port: port + 2, previewPort: 0, root: blankRoot });
	const model = await startMockModelServer({ port: port + 3 });
	const browser = await chromium.launch(chromiumLaunchOptions());
	const rows: RowResult[] = [];
	const failures: string[] = [];
	try {
		const base: WebBenchContext = {
			browser,
			appUrl: `http://localhost:${port}`,
			blankUrl: `http://localhost:${port + 2}`,
			modelUrl: model.url,
			runs,
			throttled: false
		};
		for (const measure of measures) {
			const conditions = values['no-throttle'] || !measure.throttles ? [false] : [false, true];
			for (const throttled of conditions) {
				const label = `${measure.id}${throttled ? ` (${THROTTLE_LABEL})` : ''}`;
				console.log(`  measuring ${label}…`);
				try {
					for (const row of await measure.run({ ...base, throttled })) {
						rows.push({ ...row, measure: measure.id, throttled, ...evaluateRow(row) });
					}
				} catch (error) {
					const message = error instanceof Error ? error.message : String(error);
					failures.push(`${label}: ${message}`);
					console.error(`  ${label} failed: ${message}`);
				}
			}
		}
	} finally {
		await browser.close();
		await model.close();
		await new Promise((done) => blank.close(done));
		await new Promise((done) => app.close(done));
	}

	const out = resolve(values.out!);
	await mkdir(dirname(out), { recursive: true });
	const report = {
		benchmark: 'web',
		date: new Date().toISOString(),
		runs,
		throttle: THROTTLE_LABEL,
		rows,
		failures
	};
	await writeFile(out, `${JSON.stringify(report, null, 2)}\n`);
	console.log(`\nbench:web — medians of ${runs} alternating cold loads after one warm-up\n`);
	console.log(formatTable(rows));
	if (failures.length > 0) console.log(`\nFailed measures:\n${failures.join('\n')}`);
	console.log(`\nWrote ${out} in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
	return failures.length > 0 ? 1 : 0;
}

main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		console.error('bench:web crashed:', error);
		process.exit(2);
	}
);
