/**
 * Opening a project cold as a person's browser does it (issue 10, item 3: runtime ready ≤ 300 ms
 * after navigation): runtime.ts's cold open of the 4-file project and its empty-page reference,
 * in a Chromium with no automation in the page (bare-chromium.ts). The page's own performance
 * marks are read once it is open, so nothing of the bench runs in the page while it opens.
 * runtime.ts keeps the same figures under Playwright, with everything else it measures.
 *
 *   npx tsx bench/web/measures/bare-open.ts --url http://localhost:4341 [--runs 8]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from '../../../tooling/chromium';
import { launchBareChromium, type BarePage } from '../bare-chromium';
import { serveEmptyPage } from '../empty-page';
import { medianOrNull } from '../report';
import type { WebBenchMeasure, WebBenchRow } from '../types';
import { seedProjects } from './runtime';

export const bareOpen: WebBenchMeasure = {
	id: 'bare-open',
	throttles: false,
	run: (context) => measureBareOpen(context.appUrl, context.runs)
};

export async function measureBareOpen(appUrl: string, runs: number): Promise<WebBenchRow[]> {
	const profile = await mkdtemp(join(tmpdir(), 'kiln-bare-open-'));
	const blank = await serveEmptyPage();
	try {
		const project = await seedProfile(profile, appUrl);
		const browser = await launchBareChromium(profile);
		try {
			const page = await browser.newPage();
			const samples = { blank: [] as number[], files: [] as number[], runtime: [] as number[] };
			// Run 0 warms the server, the JIT and IndexedDB, and is dropped.
			for (let run = 0; run <= runs; run++) {
				const blankLoad = await coldLoad<{ loaded: number }>(page, blank.url, BLANK_LOADED);
				const open = await coldLoad<{ files: number; runtime: number }>(
					page,
					`${appUrl}/project/${project}?runtime=browser`,
					OPENED
				);
				if (run > 0) {
					samples.blank.push(blankLoad.loaded);
					samples.files.push(open.files);
					samples.runtime.push(open.runtime);
				}
				process.stdout.write(
					`\r  bare-open: run ${run}/${runs}${run === 0 ? ' (warm-up)' : ''}   `
				);
			}
			process.stdout.write('\n');
			const reference = 'blank page load, cold, no automation';
			const row = (figure: string, value: number | null, goal?: WebBenchRow['goal']) => ({
				figure,
				subject: 'IDE, 4 files',
				value,
				unit: 'ms' as const,
				reference,
				referenceValue: medianOrNull(samples.blank),
				...(goal ? { goal } : {})
			});
			return [
				row('runtime ready, cold, no automation', medianOrNull(samples.runtime), { max: 300 }),
				row('files ready, cold, no automation', medianOrNull(samples.files))
			];
		} finally {
			await browser.close();
		}
	} finally {
		await blank.close();
		await rm(profile, { recursive: true, force: true });
	}
}

/** The app's databases and the 4-file project, made by Playwright in the profile, then closed. */
async function seedProfile(profile: string, appUrl: string): Promise<string> {
	const context = await chromium.launchPersistentContext(profile, {
		...chromiumLaunchOptions(),
		serviceWorkers: 'block'
	});
	try {
		const page = context.pages()[0] ?? (await context.newPage());
		return (await seedProjects(page, appUrl)).small;
	} finally {
		await context.close();
	}
}

/** When the empty page has loaded, or null while it has not. */
const BLANK_LOADED = `(() => {
	const [navigation] = performance.getEntriesByType('navigation');
	return navigation && navigation.loadEventEnd > 0 ? { loaded: navigation.loadEventEnd } : null;
})()`;

/** When the project's files and runtime were ready, or null while they are not both. */
const OPENED = `(() => {
	const at = (name) => performance.getEntriesByName(name, 'mark')[0]?.startTime;
	const files = at('kiln:files-ready');
	const runtime = at('kiln:runtime-ready');
	return files !== undefined && runtime !== undefined ? { files, runtime } : null;
})()`;

/**
 * Loads `url` with nothing cached: no HTTP cache, and no app-shell worker or its cache (the app
 * registers one once a page settles; it would answer the next load). The stored projects stay.
 * Then asks `probe` every quarter second until it answers: a few evaluations of a line each,
 * the first when most openings are already done, and the marks keep their times whenever read.
 */
async function coldLoad<T>(page: BarePage, url: string, probe: string): Promise<T> {
	await page.send('Page.navigate', { url: 'about:blank' });
	await page.send('Network.clearBrowserCache');
	await page.send('Storage.clearDataForOrigin', {
		origin: new URL(url).origin,
		storageTypes: 'service_workers,cache_storage'
	});
	await page.send('Page.navigate', { url });
	const deadline = Date.now() + 60_000;
	for (;;) {
		await new Promise((resolve) => setTimeout(resolve, 250));
		const here = await page.evaluate<string>('location.href');
		const value = here === url ? await page.evaluate<T | null>(probe) : null;
		if (value !== null) {
			const cached = await page.evaluate<number>(CACHED_SCRIPTS);
			if (cached > 0) throw new Error(`${cached} scripts of ${url} came from a cache.`);
			return value;
		}
		if (Date.now() > deadline) throw new Error(`${url} did not get ready within 60 s.`);
	}
}

/** Scripts the page got from a cache or a service worker: proof the load was not cold after all. */
const CACHED_SCRIPTS = `(navigator.serviceWorker?.controller ? 1 : 0) +
	performance.getEntriesByType('resource').filter((entry) =>
		entry.initiatorType === 'script' && (entry.transferSize === 0 || entry.workerStart > 0)).length`;

async function main(): Promise<void> {
	const { values } = parseArgs({
		options: { url: { type: 'string' }, runs: { type: 'string', default: '8' } }
	});
	if (!values.url) throw new Error('Usage: npx tsx bench/web/measures/bare-open.ts --url URL');
	const rows = await measureBareOpen(values.url.replace(/\/$/, ''), Number(values.runs));
	for (const row of rows) {
		console.log(
			`${row.figure.padEnd(40)} ${row.value?.toFixed(0)} ms   ${row.reference} ${row.referenceValue?.toFixed(0)} ms`
		);
	}
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	main().catch((error: unknown) => {
		console.error(error);
		process.exitCode = 1;
	});
}
