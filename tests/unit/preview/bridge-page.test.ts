// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import type { BridgeLogEntry, PreviewLogMessage } from '../../../src/lib/preview/bridge-protocol';
import {
	createReporter,
	firstFrame,
	formatArgs,
	hookConsole,
	hookErrors,
	hookNavigation,
	hookRequests,
	REPORT_BURST
} from '../../../src/lib/preview/page';

const isBridge = (url: string) => url.includes('/__kiln/');

function collect() {
	const entries: BridgeLogEntry[] = [];
	return { entries, report: (entry: BridgeLogEntry) => entries.push(entry) };
}

describe('formatArgs', () => {
	it('prints values as a console would, with printf substitutions', () => {
		expect(formatArgs(['Total:', 3, true, null, undefined], 1000)).toBe(
			'Total: 3 true null undefined'
		);
		expect(formatArgs(['%s has %d items', 'cart', 4.7, 'extra'], 1000)).toBe(
			'cart has 4 items extra'
		);
		expect(formatArgs(['%cstyled', 'color: red'], 1000)).toBe('styled');
		expect(formatArgs([{ a: 1, b: [1, 'x'] }], 1000)).toBe('{a: 1, b: [1, "x"]}');
		expect(formatArgs([new TypeError('bad')], 1000)).toBe('TypeError: bad');
	});

	it('survives cycles, throwing getters and deep nesting, and stays within its bound', () => {
		const cyclic: Record<string, unknown> = { name: 'loop' };
		cyclic.self = cyclic;
		expect(formatArgs([cyclic], 1000)).toBe('{name: "loop", self: [Circular]}');
		const hostile = {
			get boom() {
				throw new Error('no');
			}
		};
		expect(formatArgs([hostile], 1000)).toBe('[object Object]');
		expect(formatArgs([{ a: { b: { c: { d: 1 } } } }], 1000)).toBe('{a: {b: {c: {…}}}}');
		const long = formatArgs(['x'.repeat(10_000)], 500);
		expect(long.length).toBeLessThanOrEqual(500);
		expect(long).toMatch(/more characters\)$/);
	});
});

describe('firstFrame', () => {
	it('finds the first frame outside the bridge, in Chromium and Firefox stacks', () => {
		const chromium = `Error
    at send (http://p.test/__kiln/bridge.js:1:200)
    at console.error (http://p.test/__kiln/bridge.js:1:300)
    at total (http://p.test/preview/1/app.js:12:5)`;
		expect(firstFrame(chromium, isBridge)).toEqual({
			url: 'http://p.test/preview/1/app.js',
			line: 12,
			column: 5
		});
		const firefox = `send@http://p.test/__kiln/bridge.js:1:200
@http://p.test/preview/1/app.js:3:9`;
		expect(firstFrame(firefox, isBridge)).toMatchObject({ line: 3, column: 9 });
		expect(firstFrame('no frames here', isBridge)).toBeUndefined();
	});
});

describe('createReporter', () => {
	it('lets a burst through, then drops and says how many it dropped', () => {
		const posted: PreviewLogMessage[] = [];
		let now = 0;
		const later: (() => void)[] = [];
		const report = createReporter({
			post: (message) => posted.push(message),
			now: () => now,
			later: (callback) => later.push(callback)
		});
		for (let i = 0; i < REPORT_BURST + 500; i++)
			report({ kind: 'console', level: 'log', text: `${i}` });
		expect(posted).toHaveLength(REPORT_BURST);
		expect(later).toHaveLength(1);
		now = 1000;
		later[0]!();
		expect(posted.at(-1)?.entry.text).toMatch(/^500 more console messages were dropped/);
		// A second later the bucket has refilled a little.
		report({ kind: 'console', level: 'log', text: 'after' });
		expect(posted.at(-1)?.entry.text).toBe('after');
	});

	it('bounds what it sends', () => {
		const posted: PreviewLogMessage[] = [];
		const report = createReporter({ post: (m) => posted.push(m), now: () => 0, later: () => {} });
		report({ kind: 'error', level: 'error', text: 'x'.repeat(50_000), stack: 'y'.repeat(50_000) });
		expect(posted[0]!.entry.text.length).toBeLessThanOrEqual(2000);
		expect(posted[0]!.entry.stack!.length).toBeLessThanOrEqual(4000);
	});
});

describe('the page hooks', () => {
	it('reports console calls at every level and still prints them', () => {
		const printed: unknown[][] = [];
		const target = {
			log: (...args: unknown[]) => printed.push(args),
			info: () => {},
			warn: () => {},
			error: (...args: unknown[]) => printed.push(args),
			debug: () => {},
			assert: () => {}
		} as unknown as Console;
		const { entries, report } = collect();
		hookConsole(target, report, isBridge);
		target.error('Total is %s', 'NaN');
		target.log({ a: 1 });
		target.assert(false, 'must hold');
		target.assert(true, 'fine');
		expect(printed).toEqual([['Total is %s', 'NaN'], [{ a: 1 }]]);
		expect(entries.map((e) => [e.level, e.text])).toEqual([
			['error', 'Total is NaN'],
			['log', '{a: 1}'],
			['error', 'Assertion failed: must hold']
		]);
	});

	it('reports uncaught errors, rejections and subresources that failed to load', () => {
		const { entries, report } = collect();
		hookErrors(window, report, isBridge);
		const error = new ReferenceError('undefinedFunction is not defined');
		window.dispatchEvent(
			new ErrorEvent('error', {
				message: 'Uncaught ReferenceError: undefinedFunction is not defined',
				filename: 'http://p.test/preview/1/app.js',
				lineno: 2,
				colno: 1,
				error
			})
		);
		const rejection = new Event('unhandledrejection') as Event & { reason: unknown };
		rejection.reason = new Error('fetch failed');
		window.dispatchEvent(rejection);
		const img = document.createElement('img');
		img.src = 'http://p.test/preview/1/missing.png';
		document.body.append(img);
		img.dispatchEvent(new Event('error'));
		expect(entries[0]).toMatchObject({
			kind: 'error',
			text: 'Uncaught ReferenceError: undefinedFunction is not defined',
			sourceUrl: 'http://p.test/preview/1/app.js',
			line: 2
		});
		expect(entries[1]).toMatchObject({
			kind: 'rejection',
			text: 'Uncaught (in promise) Error: fetch failed'
		});
		expect(entries[2]).toMatchObject({
			kind: 'request-failed',
			url: 'http://p.test/preview/1/missing.png',
			status: 0
		});
	});

	it('reports failed fetches (status, or 0 for a network error) and hands the page its answer', async () => {
		const { entries, report } = collect();
		const responses = [new Response('nope', { status: 404 }), new Response('ok')];
		const target = {
			location: { href: 'http://p.test/preview/1/' },
			fetch: vi.fn(async () => {
				const next = responses.shift();
				if (!next) throw new TypeError('Failed to fetch');
				return next;
			}) as unknown as typeof fetch
		};
		hookRequests(target, report);
		expect((await target.fetch('data.json')).status).toBe(404);
		expect((await target.fetch('ok.json')).status).toBe(200);
		await expect(target.fetch('down.json', { method: 'post' })).rejects.toThrow('Failed to fetch');
		expect(entries).toMatchObject([
			{ kind: 'request-failed', url: 'http://p.test/preview/1/data.json', status: 404 },
			{
				kind: 'request-failed',
				url: 'http://p.test/preview/1/down.json',
				status: 0,
				text: 'POST http://p.test/preview/1/down.json → failed (Failed to fetch)'
			}
		]);
	});

	it('tells where the page is after pushState, hash changes and back', () => {
		const { entries, report } = collect();
		const told: string[] = [];
		hookNavigation(window, (href) => told.push(href), report);
		history.pushState(null, '', '/about');
		expect(told.at(-1)).toMatch(/\/about$/);
		expect(entries.at(-1)).toMatchObject({ kind: 'navigation', url: told.at(-1) });
		// The same address again is no new navigation entry.
		const count = entries.length;
		history.replaceState(null, '', '/about');
		expect(entries).toHaveLength(count);
	});
});
