/**
 * The pages bench:web loads and compares: the blank SvelteKit page (the reference), Kiln's start
 * page `/` and the IDE on the seeded 2,000-file project. Each load is cold (HTTP cache emptied)
 * in a context that keeps its IndexedDB, so the project is seeded once per browser.
 */
import { request as httpRequest } from 'node:http';
import type { Browser, BrowserContext } from '@playwright/test';
import { PERF_MARKS } from '../../src/lib/perf';
import type { ScriptLoad, ScriptSize } from './attribution';
import {
	coldPage,
	largestContentfulPaint,
	markTimeoutMs,
	recordScripts,
	usedHeap,
	waitForMark
} from './browser';
import { seedProject, type SeededProject } from './fixtures';
import type { WebBenchContext } from './types';

export const BLANK_REFERENCE = 'blank SvelteKit page';

export interface Subject {
	name: '/' | 'IDE' | 'blank';
	url: string;
	context: BrowserContext;
	/** The mark that says the page painted its shell, and the one that says it is ready. */
	paintMark: string;
	readyMark: string;
}

export interface Subjects {
	blank: Subject;
	start: Subject;
	ide: Subject;
	project: SeededProject;
}

const prepared = new WeakMap<Browser, Map<string, Promise<Subjects>>>();

/** The three subjects, made once per browser and app (seeding the project takes seconds). */
export function benchSubjects(context: WebBenchContext): Promise<Subjects> {
	if (!context.blankUrl) {
		throw new Error(
			'bench:web needs the blank SvelteKit page (blankUrl): run it through bench/web/run.ts.'
		);
	}
	const blankUrl = context.blankUrl;
	const perBrowser = prepared.get(context.browser) ?? new Map<string, Promise<Subjects>>();
	prepared.set(context.browser, perBrowser);
	const key = `${context.appUrl} ${blankUrl}`;
	let subjects = perBrowser.get(key);
	if (!subjects) {
		subjects = makeSubjects(context.browser, context.appUrl, blankUrl);
		perBrowser.set(key, subjects);
	}
	return subjects;
}

async function makeSubjects(browser: Browser, appUrl: string, blankUrl: string): Promise<Subjects> {
	// No service workers: the app registers its app-shell worker once a page settles, and from then
	// on it answered every "cold" load from its cache, past the emptied HTTP cache and the throttle.
	const appContext = await browser.newContext({ serviceWorkers: 'block' });
	const blankContext = await browser.newContext({ serviceWorkers: 'block' });
	const seeding = await appContext.newPage();
	const project = await seedProject(seeding, appUrl);
	await seeding.close();
	const marks = { paintMark: PERF_MARKS.shellPainted, readyMark: PERF_MARKS.runtimeReady };
	return {
		blank: { name: 'blank', url: `${blankUrl}/`, context: blankContext, ...marks },
		// The start page has nothing to wait for beyond its list: painted is ready.
		start: {
			name: '/',
			url: `${appUrl}/`,
			context: appContext,
			paintMark: PERF_MARKS.shellPainted,
			readyMark: PERF_MARKS.shellPainted
		},
		ide: { name: 'IDE', url: project.url, context: appContext, ...marks },
		project
	};
}

export interface PageLoad {
	/** ms since navigation start; null when the mark or entry never came. */
	paintMs: number | null;
	readyMs: number | null;
	lcpMs: number | null;
	/** The LCP element, `tag.class.class`. */
	lcpElement: string | null;
	scripts: ScriptLoad[];
	/** JS heap used after a full GC once ready (when asked for). */
	heapBytes: number | null;
	/** Why a figure is null. */
	missing: string[];
}

/** One cold load of a subject: its marks, LCP, the scripts fetched and optionally the heap. */
export async function loadSubject(
	subject: Subject,
	throttled: boolean,
	options: { heap?: boolean } = {}
): Promise<PageLoad> {
	const { page, cdp } = await coldPage(subject.context, throttled);
	const timeout = markTimeoutMs(throttled);
	const missing: string[] = [];
	const mark = async (name: string) => {
		const time = await waitForMark(cdp, name, timeout);
		if (time === null) missing.push(`${subject.name}: no ${name} mark within ${timeout / 1000} s`);
		return time;
	};
	try {
		const recorder = recordScripts(subject.context, new URL(subject.url).origin);
		await page.goto(subject.url, { waitUntil: 'commit', timeout });
		const paintMs = await mark(subject.paintMark);
		const readyMs =
			subject.readyMark === subject.paintMark ? paintMs : await mark(subject.readyMark);
		const lcp = await largestContentfulPaint(page, readyMs === null ? 1_000 : 10_000);
		const lcpMs = lcp?.time ?? null;
		if (lcpMs === null)
			missing.push(`${subject.name}: no largest-contentful-paint entry once ready`);
		const scripts = await recorder.loads(page);
		const heapBytes = options.heap && readyMs !== null ? await usedHeap(cdp) : null;
		return {
			paintMs,
			readyMs,
			lcpMs,
			lcpElement: lcp?.element ?? null,
			scripts,
			heapBytes,
			missing
		};
	} finally {
		await page.close();
	}
}

/** The bytes a response body takes on the wire with one Accept-Encoding (body not decoded). */
function wireBytes(url: string, encoding: 'identity' | 'gzip' | 'br'): Promise<number> {
	return new Promise((resolve, reject) => {
		const request = httpRequest(url, { headers: { 'Accept-Encoding': encoding } }, (response) => {
			let bytes = 0;
			response.on('data', (chunk: Buffer) => (bytes += chunk.length));
			response.on('end', () =>
				response.statusCode === 200
					? resolve(bytes)
					: reject(new Error(`${url} answered ${response.statusCode}`))
			);
			response.on('error', reject);
		});
		request.on('error', reject);
		request.end();
	});
}

const sizes = new Map<string, Promise<ScriptSize>>();

/**
 * A script's size raw, gzip and brotli as the server sends it (its build-time .gz/.br copies;
 * files too small to be worth compressing are sent raw, so their three sizes are equal).
 */
export function scriptSize(origin: string, path: string): Promise<ScriptSize> {
	const url = `${origin}/${path}`;
	let size = sizes.get(url);
	if (!size) {
		size = Promise.all([
			wireBytes(url, 'identity'),
			wireBytes(url, 'gzip'),
			wireBytes(url, 'br')
		]).then(([raw, gzip, brotli]) => ({ path, raw, gzip, brotli }));
		sizes.set(url, size);
	}
	return size;
}
