import { pngHeadDataUrl } from '../../../fakes/png';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
	hrefInside,
	PreviewChannel,
	PreviewConsole,
	PREVIEW_QUIET_MS
} from '../../../../src/lib/state/preview-console';

const ORIGIN = 'http://preview.test';
const root = new URL(`${ORIGIN}/preview/p1/`);

/** A preview frame: an element that fires `load`, and a window whose messages are recorded. */
function fakeFrame() {
	const posted: { message: Record<string, unknown>; origin: string }[] = [];
	const contentWindow = {
		postMessage: (message: Record<string, unknown>, origin: string) =>
			posted.push({ message, origin })
	};
	const element = Object.assign(new EventTarget(), { contentWindow });
	const navigated: string[] = [];
	return {
		posted,
		navigated,
		contentWindow,
		frame: {
			element: element as unknown as HTMLIFrameElement,
			root,
			navigate: (href: string) => navigated.push(href)
		},
		load: () => element.dispatchEvent(new Event('load'))
	};
}

const log = (text: string, extra: Record<string, unknown> = {}) => ({
	type: 'kiln:preview-log',
	entry: { kind: 'console', level: 'error', text, ...extra }
});

describe('PreviewChannel', () => {
	let store: PreviewConsole;
	let events: EventTarget;
	let channel: PreviewChannel;
	let page: ReturnType<typeof fakeFrame>;
	const signal = new AbortController().signal;
	/** The page's answer to the n-th command it was sent. */
	const answer = (n: number, reply: { ok: true; value: string } | { ok: false; error: string }) =>
		post({ type: 'kiln:preview-reply', id: page.posted[n]!.message.id, ...reply });
	/** A message as the IDE's window receives it. */
	const post = (data: unknown, source: unknown = page.contentWindow, origin = ORIGIN) =>
		events.dispatchEvent(Object.assign(new Event('message'), { data, source, origin }));

	beforeEach(() => {
		vi.useFakeTimers();
		store = new PreviewConsole();
		events = new EventTarget();
		channel = new PreviewChannel(store, { events: events as unknown as Window });
		page = fakeFrame();
	});
	afterEach(() => vi.useRealTimers());

	it('takes reports only from its frame and the preview origin, with project paths', () => {
		const detach = channel.attach(page.frame);
		post(log('from the page', { sourceUrl: `${ORIGIN}/preview/p1/js/app.js`, line: 4, column: 2 }));
		post(log('another window'), {});
		post(log('another origin'), page.contentWindow, 'http://evil.test');
		post({ type: 'kiln:preview-log', entry: { kind: 'console', level: 'nope', text: 'x' } });
		post(log(`see ${root.href}css/site.css`));
		expect(store.entries.map((e) => e.text)).toEqual(['from the page', 'see /css/site.css']);
		expect(store.entries[0]?.source).toEqual({ path: 'js/app.js', line: 4, column: 2 });
		detach();
		post(log('after detach'));
		expect(store.entries).toHaveLength(2);
	});

	it('drops reports past its rate, from a page that posts without the bridge', async () => {
		channel.attach(page.frame);
		for (let i = 0; i < 5000; i++) post(log(`flood ${i}`));
		const taken = store.entries.length;
		expect(taken).toBeGreaterThanOrEqual(400);
		expect(taken).toBeLessThan(500);
		await vi.advanceTimersByTimeAsync(1000);
		post(log('a second later'));
		expect(store.entries.at(-1)?.text).toBe('a second later');
	});

	it('loads a path inside the preview and returns what came after, once the page is quiet', async () => {
		channel.attach(page.frame);
		post(log('before the load'));
		let result: Awaited<ReturnType<PreviewChannel['load']>> | undefined;
		void channel.load('about.html#team', { signal }).then((value) => (result = value));
		await vi.advanceTimersByTimeAsync(0);
		expect(page.navigated).toEqual([`${root.href}about.html`]);
		page.load();
		post(log('during the load'));
		await vi.advanceTimersByTimeAsync(PREVIEW_QUIET_MS - 50);
		post(log('still busy'));
		await vi.advanceTimersByTimeAsync(PREVIEW_QUIET_MS - 50);
		expect(result).toBeUndefined();
		await vi.advanceTimersByTimeAsync(100);
		expect(result?.url).toBe(`${root.href}about.html#team`);
		expect(result?.entries.map((e) => e.text)).toEqual(['during the load', 'still busy']);
	});

	it('reloads the page it shows now when no path is given', async () => {
		channel.attach(page.frame);
		post({ type: 'kiln:preview-location', href: `${root.href}b.html?x=1` });
		post(
			{ type: 'kiln:preview-location', href: 'http://elsewhere.test/' },
			page.contentWindow,
			ORIGIN
		);
		void channel.load(undefined, { signal, waitMs: 1000 });
		await vi.advanceTimersByTimeAsync(0);
		expect(page.navigated).toEqual([`${root.href}b.html?x=1`]);
	});

	it('says there is no preview when no frame comes within a short wait', async () => {
		const loading = channel.load('index.html', { signal });
		const failed = expect(loading).rejects.toThrow(/No preview is showing/);
		await vi.advanceTimersByTimeAsync(2000);
		await failed;
	});

	it('goes on when the frame appears while it waits (right after index.html was written)', async () => {
		const loading = channel.load('index.html', { signal, waitMs: 3000 });
		await vi.advanceTimersByTimeAsync(500);
		channel.attach(page.frame);
		await vi.advanceTimersByTimeAsync(0);
		expect(page.navigated).toEqual([`${root.href}index.html`]);
		page.load();
		await vi.advanceTimersByTimeAsync(PREVIEW_QUIET_MS);
		await expect(loading).resolves.toMatchObject({ entries: [] });
	});

	it('never climbs out of the preview root', () => {
		expect(hrefInside('../../p2/index.html', root)).toBe(root.href);
		expect(hrefInside('//evil.test/x', root)).toBe(`${root.href}evil.test/x`);
		expect(hrefInside('/a/b.html', root)).toBe(`${root.href}a/b.html`);
	});

	it('asks the page for a screenshot by id and believes the PNG only within what it asked', async () => {
		channel.attach(page.frame);
		const asked = { maxWidth: 1280, maxTokens: 1600, signal };
		const first = channel.screenshot(asked);
		await vi.advanceTimersByTimeAsync(0);
		const [command] = page.posted;
		expect(command?.origin).toBe(ORIGIN);
		expect(command?.message).toMatchObject({
			type: 'kiln:preview-command',
			command: 'screenshot',
			maxWidth: 1280,
			maxTokens: 1600
		});
		const id = command!.message.id;
		post({ type: 'kiln:preview-reply', id, ok: true, value: pngHeadDataUrl(800, 600) }, {});
		post({ type: 'kiln:preview-reply', id, ok: true, value: pngHeadDataUrl(800, 600) });
		await expect(first).resolves.toMatchObject({ mediaType: 'image/png', width: 800, height: 600 });

		const tooBig = channel.screenshot(asked);
		await vi.advanceTimersByTimeAsync(0);
		answer(1, { ok: true, value: pngHeadDataUrl(1280, 1280) });
		await expect(tooBig).rejects.toThrow(/1280×1280 image, larger than asked/);

		const notPng = channel.screenshot(asked);
		await vi.advanceTimersByTimeAsync(0);
		answer(2, { ok: true, value: 'data:text/html,hi' });
		await expect(notPng).rejects.toThrow(/not a PNG/);
	});

	it('passes the page’s own failure on, and gives up when it never answers', async () => {
		channel.attach(page.frame);
		const failing = channel.snapshot({ maxChars: 100, signal });
		await vi.advanceTimersByTimeAsync(0);
		answer(0, { ok: false, error: 'CSP blocked it' });
		await expect(failing).rejects.toThrow(/could not take the snapshot: CSP blocked it/);

		const silent = channel.snapshot({ maxChars: 100, signal });
		const gaveUp = expect(silent).rejects.toThrow(/did not answer the snapshot within 10 s/);
		await vi.advanceTimersByTimeAsync(10_000);
		await gaveUp;
	});

	it('cuts a snapshot to the characters asked for', async () => {
		channel.attach(page.frame);
		const snapshot = channel.snapshot({ maxChars: 5, signal });
		await vi.advanceTimersByTimeAsync(0);
		answer(0, { ok: true, value: '- heading "Long"' });
		await expect(snapshot).resolves.toBe('- hea');
	});

	it('stops waiting when the turn is stopped', async () => {
		channel.attach(page.frame);
		const controller = new AbortController();
		const loading = channel.load('index.html', { signal: controller.signal });
		const stopped = expect(loading).rejects.toThrow();
		await vi.advanceTimersByTimeAsync(0);
		controller.abort();
		await stopped;
	});
});
