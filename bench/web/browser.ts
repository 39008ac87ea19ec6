/**
 * What every bench:web measure does to a page: throttle it (Fast 3G + 4× CPU over CDP), load a
 * URL with a cold HTTP cache, wait for a User Timing mark without hanging, read LCP and the heap,
 * and note which scripts arrived when.
 */
import type { BrowserContext, CDPSession, Page } from '@playwright/test';
import { scriptPath, type ScriptLoad } from './attribution';

/** DevTools' "Fast 3G" preset (its numbers include DevTools' 0.9 and 3.75 adjustments). */
export const FAST_3G = {
	offline: false,
	latency: 150 * 3.75,
	downloadThroughput: ((1.6 * 1000 * 1000) / 8) * 0.9,
	uploadThroughput: ((750 * 1000) / 8) * 0.9
} as const;
export const CPU_SLOWDOWN = 4;
export const THROTTLE_LABEL = 'Fast 3G + 4× CPU';

/** How long a mark may take before the figure is reported missing. */
export function markTimeoutMs(throttled: boolean): number {
	return throttled ? 180_000 : 60_000;
}

/** A page's subject name with the conditions it ran under, e.g. `IDE (Fast 3G + 4× CPU)`. */
export function subjectName(subject: string, throttled: boolean): string {
	return throttled ? `${subject} (${THROTTLE_LABEL})` : subject;
}

export async function throttle(cdp: CDPSession, throttled: boolean): Promise<void> {
	await cdp.send('Network.enable');
	if (!throttled) return;
	await cdp.send('Network.emulateNetworkConditions', FAST_3G);
	await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
}

/**
 * A new page in `context` with its HTTP cache (and so V8's code cache) emptied and the
 * throttling applied: the next navigation is a cold load. IndexedDB and the rest of the
 * context's storage stay, so a seeded project is still there.
 */
export async function coldPage(
	context: BrowserContext,
	throttled: boolean
): Promise<{ page: Page; cdp: CDPSession }> {
	const page = await context.newPage();
	const cdp = await context.newCDPSession(page);
	await cdp.send('Network.enable');
	await cdp.send('Network.clearBrowserCache');
	await throttle(cdp, throttled);
	// Observing from the first script on catches every candidate, the last one included.
	await page.addInitScript(() =>
		new PerformanceObserver((list) => {
			for (const entry of list.getEntries()) {
				window.__kilnBenchLcp = entry.startTime;
				const element = (entry as PerformanceEntry & { element?: Element | null }).element;
				window.__kilnBenchLcpElement = element
					? [element.tagName.toLowerCase(), ...element.classList].join('.')
					: '(removed element)';
			}
		}).observe({ type: 'largest-contentful-paint', buffered: true })
	);
	return { page, cdp };
}

/**
 * The mark's time (ms since navigation), or null if it did not come within `timeoutMs`. Asked
 * through CDP's Runtime.evaluate: Playwright's own waiting (waitForFunction) first builds its
 * injected script in the page, a task of 20–75 ms (four times that at 4× CPU) inside the load
 * it measures. `index`: the mark of that name to wait for (0, the first; 1, the second…).
 */
export async function waitForMark(
	cdp: CDPSession,
	name: string,
	timeoutMs: number,
	index = 0
): Promise<number | null> {
	const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
		expression: `new Promise((resolve) => {
			const find = () =>
				performance.getEntriesByName(${JSON.stringify(name)}, 'mark')[${index}]?.startTime;
			const found = find();
			if (found !== undefined) return resolve(found);
			const observer = new PerformanceObserver(() => {
				const time = find();
				if (time === undefined) return;
				observer.disconnect();
				resolve(time);
			});
			observer.observe({ type: 'mark' });
			setTimeout(() => {
				observer.disconnect();
				resolve(null);
			}, ${timeoutMs});
		})`,
		awaitPromise: true,
		returnByValue: true
	});
	if (exceptionDetails) {
		throw new Error(`Waiting for the ${name} mark failed in the page: ${exceptionDetails.text}`);
	}
	return (result.value as number | null | undefined) ?? null;
}

declare global {
	interface Window {
		/** The latest largest-contentful-paint candidate, set by the observer coldPage installs. */
		__kilnBenchLcp?: number;
		/** Its element, e.g. `div.cm-content` (the text of a text node's parent). */
		__kilnBenchLcpElement?: string;
	}
}

/**
 * The latest largest-contentful-paint candidate (ms since navigation) and its element, or null
 * if none came
 * within `timeoutMs`. Marks are set in a frame callback, before that frame paints: two more
 * frames make sure it was painted and its LCP candidate reported, then the first candidate is
 * awaited if there is none yet.
 */
export async function largestContentfulPaint(page: Page, timeoutMs: number) {
	// No named functions inside page functions: tsx would wrap them in a helper the page lacks.
	await page.evaluate(
		() =>
			new Promise<void>((resolve) =>
				requestAnimationFrame(() => requestAnimationFrame(() => resolve()))
			)
	);
	try {
		const handle = await page.waitForFunction(() => window.__kilnBenchLcp, null, {
			timeout: timeoutMs,
			polling: 50
		});
		const time = (await handle.jsonValue()) as number;
		const element = await page.evaluate(() => window.__kilnBenchLcpElement ?? '');
		return { time, element };
	} catch (error) {
		if (error instanceof Error && error.name === 'TimeoutError') return null;
		throw error;
	}
}

/** JS heap in use after a full garbage collection (CDP Performance metrics), in bytes. */
export async function usedHeap(cdp: CDPSession): Promise<number> {
	await cdp.send('HeapProfiler.collectGarbage');
	await cdp.send('Performance.enable');
	const { metrics } = await cdp.send('Performance.getMetrics');
	const used = metrics.find((metric) => metric.name === 'JSHeapUsedSize');
	if (!used) throw new Error('Chromium reported no JSHeapUsedSize metric.');
	return used.value;
}

/**
 * Records every same-origin script the context fetches (the page's and its workers'), with when
 * its response ended relative to the page's navigation start. Call before navigating; read the
 * loads after, with the page's timeOrigin.
 */
export function recordScripts(context: BrowserContext, origin: string) {
	const raw: { path: string; endEpochMs: number }[] = [];
	const onFinished = (request: import('@playwright/test').Request) => {
		const path = scriptPath(request.url(), origin);
		const timing = request.timing();
		if (!path || timing.responseEnd < 0) return;
		raw.push({ path, endEpochMs: timing.startTime + timing.responseEnd });
	};
	context.on('requestfinished', onFinished);
	return {
		async loads(page: Page): Promise<ScriptLoad[]> {
			context.off('requestfinished', onFinished);
			const timeOrigin = await page.evaluate(() => performance.timeOrigin);
			return raw.map((load) => ({ path: load.path, endMs: load.endEpochMs - timeOrigin }));
		}
	};
}
