/**
 * Opening a project (issue 10, item 3): how long after navigation the files are in the workspace
 * (`kiln:files-ready`) and the offline runtime answers (`kiln:runtime-ready`), cold (HTTP cache
 * cleared) and warm, and when the terminal first shows its prompt (cold), against a blank page's
 * load on the same machine; and what 2,000 stored files (30 MB, bench/storage's fixture) add to
 * "files ready", against idb-keyval's getMany of the same records in the same page. Driven by
 * Playwright, whose instrumentation runs in the page; bare-open.ts times the cold open without it.
 * Runs on its own too:
 *
 *   npx tsx bench/web/measures/runtime.ts --url http://localhost:4341 [--runs 5]
 *
 * (a production build served as `npm start` does, e.g. `KILN_SKIP_BUILD=1 PORT=4341 node scripts/start.mjs`).
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium, type Browser, type CDPSession, type Page } from '@playwright/test';
import { chromiumLaunchOptions } from '../../../tooling/chromium';
import { generateFixture } from '../../storage/fixture';
import { waitForMark } from '../browser';
import { serveEmptyPage } from '../empty-page';
import type { WebBenchMeasure, WebBenchRow } from '../types';
import { median } from '../report';

const SMALL_FILES: Record<string, string> = {
	'index.html':
		'<!doctype html>\n<title>Hello</title>\n<link rel="stylesheet" href="style.css">\n<h1>Hello</h1>\n<script src="script.js"></script>\n',
	'style.css': 'body { font-family: system-ui; }\n',
	'script.js': 'console.log("hello");\n',
	'README.md': '# Hello\n'
};

interface OpenSample {
	filesReady: number;
	runtimeReady: number;
	/** When the terminal first showed its prompt: what a person at the terminal waits for. */
	promptShown: number;
	/** Longest main-thread task from navigation until both marks. */
	longestTask: number;
}

declare global {
	interface Window {
		__kilnLongTasks?: number[];
		idbKeyval?: typeof import('idb-keyval');
	}
}

export const runtimeMeasure: WebBenchMeasure = {
	id: 'runtime',
	throttles: false,
	async run(context) {
		return measureRuntime(context.browser, context.appUrl, context.runs);
	}
};

export default runtimeMeasure;

export async function measureRuntime(
	browser: Browser,
	appUrl: string,
	runs: number
): Promise<WebBenchRow[]> {
	const [rows] = await measureRuntimes(browser, [appUrl], runs);
	return rows!;
}

/**
 * The same figures for several builds (e.g. before and after a change), taken in turns within
 * each run so that a machine's changing load falls on all of them alike.
 */
export async function measureRuntimes(
	browser: Browser,
	appUrls: readonly string[],
	runs: number
): Promise<WebBenchRow[][]> {
	const blank = await serveEmptyPage();
	const targets = [];
	try {
		for (const appUrl of appUrls) targets.push(await openTarget(browser, appUrl, blank.url));
		// Run 0 warms the server, the JIT and IndexedDB, and is dropped.
		for (let run = 0; run <= runs; run++) {
			for (const target of targets) await target.sample(run > 0);
			process.stdout.write(`\r  runtime: run ${run}/${runs}${run === 0 ? ' (warm-up)' : ''}   `);
		}
		process.stdout.write('\n');
		return targets.map((target) => rowsOf(target.samples));
	} finally {
		for (const target of targets) await target.close();
		await blank.close();
	}
}

async function openTarget(browser: Browser, appUrl: string, blankUrl: string) {
	// No app-shell worker: it would answer the cold loads from its cache (see subjects.ts).
	const browserContext = await browser.newContext({ serviceWorkers: 'block' });
	const page = await browserContext.newPage();
	await page.addInitScript(() => {
		window.__kilnLongTasks = [];
		new PerformanceObserver((list) => {
			for (const entry of list.getEntries()) window.__kilnLongTasks!.push(entry.duration);
		}).observe({ type: 'longtask', buffered: true });
	});
	await page.addInitScript(PROMPT_WATCH);
	const cdp = await browserContext.newCDPSession(page);
	const { small, big, keys } = await seedProjects(page, appUrl);
	const samples: Record<string, number[]> = {};
	return {
		samples,
		close: () => browserContext.close(),
		async sample(kept: boolean) {
			const keep = (name: string, value: number) => {
				if (kept) (samples[name] ??= []).push(value);
			};
			await cdp.send('Network.clearBrowserCache');
			keep('blank cold', await loadBlank(page, blankUrl));
			await cdp.send('Network.clearBrowserCache');
			const cold = await openProject(page, cdp, appUrl, small);
			keep('files cold', cold.filesReady);
			keep('runtime cold', cold.runtimeReady);
			keep('prompt cold', cold.promptShown);
			keep('blank warm', await loadBlank(page, blankUrl));
			const warm = await openProject(page, cdp, appUrl, small);
			keep('files warm', warm.filesReady);
			keep('runtime warm', warm.runtimeReady);
			keep('small longest task', warm.longestTask);
			const large = await openProject(page, cdp, appUrl, big);
			keep('big files', large.filesReady);
			keep('big runtime', large.runtimeReady);
			keep('big longest task', large.longestTask);
			keep('restore', large.filesReady - warm.filesReady);
			keep('getMany', await timeGetMany(page, keys));
		}
	};
}

function rowsOf(samples: Record<string, number[]>): WebBenchRow[] {
	const m = (name: string) => median(samples[name]!);
	const row = (
		figure: string,
		subject: string,
		value: number,
		reference: string,
		referenceValue: number,
		goal?: WebBenchRow['goal']
	): WebBenchRow => ({
		figure,
		subject,
		value,
		unit: 'ms',
		reference,
		referenceValue,
		...(goal ? { goal } : {})
	});
	return [
		row(
			'runtime ready, cold',
			'IDE, 4 files',
			m('runtime cold'),
			'blank page load, cold',
			m('blank cold'),
			{ max: 300 }
		),
		row(
			'terminal prompt shown, cold',
			'IDE, 4 files',
			m('prompt cold'),
			'blank page load, cold',
			m('blank cold')
		),
		row(
			'files ready, cold',
			'IDE, 4 files',
			m('files cold'),
			'blank page load, cold',
			m('blank cold')
		),
		row(
			'runtime ready, warm',
			'IDE, 4 files',
			m('runtime warm'),
			'blank page load, warm',
			m('blank warm')
		),
		row(
			'files ready, warm',
			'IDE, 4 files',
			m('files warm'),
			'blank page load, warm',
			m('blank warm')
		),
		row(
			'restore (files ready − 4-file project)',
			'IDE, 2,000 files / 30 MB',
			m('restore'),
			'idb-keyval getMany',
			m('getMany'),
			{ maxRatio: 1.2 }
		),
		row(
			'runtime ready',
			'IDE, 2,000 files / 30 MB',
			m('big runtime'),
			'blank page load, warm',
			m('blank warm')
		),
		row(
			'longest task while opening',
			'IDE, 2,000 files / 30 MB',
			m('big longest task'),
			'long-task limit',
			50,
			{ max: 50 }
		),
		row(
			'longest task while opening',
			'IDE, 4 files',
			m('small longest task'),
			'long-task limit',
			50,
			{ max: 50 }
		)
	];
}

/** Navigation to load event of an empty page: the floor any page's load stands on. */
async function loadBlank(page: Page, url: string): Promise<number> {
	await page.goto(url, { waitUntil: 'load' });
	return page.evaluate(() => {
		const [navigation] = performance.getEntriesByType(
			'navigation'
		) as PerformanceNavigationTiming[];
		return navigation!.loadEventEnd;
	});
}

/**
 * Opens the project and waits for its two marks through CDP (waitForMark), not Playwright's
 * waitForFunction: that builds Playwright's injected script in the page, a task of 20–75 ms
 * inside the opening it measures.
 */
async function openProject(
	page: Page,
	cdp: CDPSession,
	appUrl: string,
	id: string
): Promise<OpenSample> {
	await page.goto(`${appUrl}/project/${id}?runtime=browser`, { waitUntil: 'commit' });
	const filesReady = await waitForMark(cdp, 'kiln:files-ready', 60_000);
	const runtimeReady = await waitForMark(cdp, 'kiln:runtime-ready', 60_000);
	if (filesReady === null || runtimeReady === null) {
		throw new Error(
			'The project did not open: no kiln:files-ready and kiln:runtime-ready in 60 s.'
		);
	}
	const { result } = await cdp.send('Runtime.evaluate', {
		expression: 'Math.max(0, ...(window.__kilnLongTasks ?? []))',
		returnByValue: true
	});
	const prompt = await cdp.send('Runtime.evaluate', {
		expression: 'window.__kilnPromptShown',
		awaitPromise: true,
		returnByValue: true
	});
	return {
		filesReady,
		runtimeReady,
		promptShown: prompt.result.value as number,
		longestTask: result.value as number
	};
}

/**
 * Set up in every page before its scripts: `window.__kilnPromptShown`, a promise of the time the
 * terminal first shows its prompt ('$' in xterm's rows). A string: tsx would wrap the named
 * functions of a function in a helper the page lacks. The check costs a selector per batch of
 * DOM changes; a project page that never shows a terminal leaves the promise pending.
 */
const PROMPT_WATCH = `{
	let shown;
	window.__kilnPromptShown = new Promise((resolve) => (shown = resolve));
	const observer = new MutationObserver(() => {
		const rows = document.querySelector('section[aria-label="Terminal"] .xterm-rows');
		if (!rows || !rows.textContent.includes('$')) return;
		observer.disconnect();
		shown(performance.now());
	});
	observer.observe(document, { subtree: true, childList: true, characterData: true });
}`;

/** idb-keyval's own getMany (its UMD build, evaluated in the page) over the same records. */
async function timeGetMany(page: Page, keys: [string, string][]): Promise<number> {
	const umd = await readFile(
		fileURLToPath(new URL('../../../node_modules/idb-keyval/dist/umd.js', import.meta.url)),
		'utf8'
	);
	return page.evaluate(
		async ({ source, keys }) => {
			if (!window.idbKeyval) new Function(source).call(window);
			const { createStore, getMany } = window.idbKeyval!;
			const store = createStore('kiln-project-files', 'files');
			const started = performance.now();
			const values = await getMany(keys, store);
			const elapsed = performance.now() - started;
			if (values.some((value) => value === undefined)) throw new Error('getMany missed records.');
			return elapsed;
		},
		{ source: umd, keys }
	);
}

/**
 * Two projects in the app's own storage: 4 small files, and bench/storage's 2,000-file fixture.
 * Written with plain IndexedDB after the app has created (and migrated) its databases.
 */
export async function seedProjects(page: Page, appUrl: string) {
	// One project made as a person makes it, so the app has created (and migrated) its databases.
	await page.goto(appUrl + '/');
	await page.getByRole('textbox', { name: 'Project name' }).fill('Runtime bench (made by hand)');
	await page.getByRole('radio', { name: 'Blank' }).check();
	await page.getByRole('button', { name: 'Create project' }).click();
	await page.waitForURL(/\/project\/[\w-]+/);
	// Polled inside the page (plain JS: tsx would wrap named functions in a helper the page lacks).
	await page.evaluate(WAIT_FOR_DATABASES);
	const small = await createProjectRecord(page, 'Runtime bench (4 files)', SMALL_FILES);
	const fixture = generateFixture();
	const big = await createProjectRecord(page, 'Runtime bench (2,000 files)', fixture.files);
	const keys = Object.keys(fixture.files).map((path): [string, string] => [big, path]);
	return { small, big, keys };
}

/** The app creates (and migrates) its databases on load; opening one before it would create it empty. */
const WAIT_FOR_DATABASES = `(async () => {
	const wanted = { 'kiln-projects': 'projects', 'kiln-project-files': 'files', 'kiln-meta': 'meta' };
	const until = Date.now() + 30000;
	for (;;) {
		const names = (await indexedDB.databases()).map((db) => db.name);
		let ready = Object.keys(wanted).every((name) => names.includes(name));
		// Listed while the app's own open is still upgrading: opening now queues behind it.
		for (const [name, store] of Object.entries(wanted)) {
			if (!ready) break;
			const db = await new Promise((resolve, reject) => {
				const request = indexedDB.open(name);
				request.onsuccess = () => resolve(request.result);
				request.onerror = () => reject(request.error);
			});
			ready = db.objectStoreNames.contains(store);
			db.close();
		}
		if (ready) return;
		if (Date.now() > until) throw new Error('The app did not create its databases in 30 s.');
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
})()`;

async function createProjectRecord(
	page: Page,
	name: string,
	files: Record<string, string | Uint8Array>
): Promise<string> {
	const id = `bench-${crypto.randomUUID()}`;
	const entries = Object.entries(files);
	const bytes = entries.reduce((sum, [, data]) => sum + Buffer.byteLength(data), 0);
	// In batches, so 30 MB never crosses the wire in one message; bytes travel as base64.
	for (let start = 0; start < entries.length; start += 200) {
		const batch = entries
			.slice(start, start + 200)
			.map(([path, data]) =>
				typeof data === 'string'
					? { path, text: data }
					: { path, base64: Buffer.from(data).toString('base64') }
			);
		await page.evaluate(
			async ({ id, batch }) => {
				const db = await new Promise<IDBDatabase>((resolve, reject) => {
					const request = indexedDB.open('kiln-project-files');
					request.onsuccess = () => resolve(request.result);
					request.onerror = () => reject(request.error);
				});
				const tx = db.transaction('files', 'readwrite');
				for (const file of batch) {
					const data =
						'text' in file
							? file.text!
							: Uint8Array.from(atob(file.base64!), (c) => c.charCodeAt(0));
					tx.objectStore('files').put({ data, mtimeMs: 1_764_633_600_000 }, [id, file.path]);
				}
				await new Promise<void>((resolve, reject) => {
					tx.oncomplete = () => resolve();
					tx.onerror = () => reject(tx.error);
				});
				db.close();
			},
			{ id, batch }
		);
	}
	await page.evaluate(
		async ({ id, name, bytes }) => {
			const now = Date.now();
			const meta = {
				id,
				name,
				template: 'blank',
				createdAt: now,
				updatedAt: now,
				openedAt: now,
				bytes
			};
			const db = await new Promise<IDBDatabase>((resolve, reject) => {
				const request = indexedDB.open('kiln-projects');
				request.onsuccess = () => resolve(request.result);
				request.onerror = () => reject(request.error);
			});
			const tx = db.transaction('projects', 'readwrite');
			tx.objectStore('projects').put(meta, id);
			await new Promise<void>((resolve, reject) => {
				tx.oncomplete = () => resolve();
				tx.onerror = () => reject(tx.error);
			});
			db.close();
		},
		{ id, name, bytes }
	);
	return id;
}

async function main(): Promise<void> {
	const { values } = parseArgs({
		options: {
			url: { type: 'string' },
			baseline: { type: 'string' },
			runs: { type: 'string', default: '5' }
		}
	});
	if (!values.url)
		throw new Error('Usage: npx tsx bench/web/measures/runtime.ts --url URL [--runs N]');
	const options = chromiumLaunchOptions();
	const browser = await chromium.launch(options);
	try {
		const urls = [values.url, ...(values.baseline ? [values.baseline] : [])];
		const results = await measureRuntimes(
			browser,
			urls.map((url) => url.replace(/\/$/, '')),
			Number(values.runs)
		);
		for (const [index, rows] of results.entries()) {
			console.log(`\n${urls[index]}${index === 0 ? '' : ' (baseline)'}`);
			for (const row of rows) {
				// Every row here has both values (rowsOf takes medians of kept samples).
				const value = row.value ?? NaN;
				const reference = row.referenceValue ?? NaN;
				console.log(
					`${row.figure.padEnd(42)} ${row.subject.padEnd(26)} ${value.toFixed(0).padStart(6)} ms` +
						`   ${row.reference} ${reference.toFixed(0)} ms (${(value / reference).toFixed(2)}×)`
				);
			}
		}
	} finally {
		await browser.close();
	}
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	main().catch((error: unknown) => {
		console.error(error);
		process.exitCode = 1;
	});
}
