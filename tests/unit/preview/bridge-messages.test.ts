import { pngHeadDataUrl } from '../../fakes/png';
import { describe, expect, it } from 'vitest';
import {
	parsePngDataUrl,
	parsePreviewLog,
	parsePreviewReply,
	projectPathOf
} from '../../../src/lib/preview/bridge-messages';
import {
	LOG_STACK_MAX_CHARS,
	LOG_TEXT_MAX_CHARS,
	screenshotScale
} from '../../../src/lib/preview/bridge-protocol';
import { serverBridgeScript } from '../../../src/lib/preview/server-bridge';

describe('what the IDE believes of a preview page', () => {
	const entry = { kind: 'console', level: 'error', text: 'boom' };

	it('takes a log entry in its exact shape', () => {
		expect(
			parsePreviewLog({
				type: 'kiln:preview-log',
				entry: { ...entry, sourceUrl: 'http://p/preview/1/app.js', line: 3, column: 7 }
			})
		).toEqual({ ...entry, sourceUrl: 'http://p/preview/1/app.js', line: 3, column: 7 });
	});

	it('drops anything else: other types, levels, kinds, non-strings', () => {
		for (const data of [
			null,
			'kiln:preview-log',
			{ type: 'kiln:preview-log' },
			{ type: 'kiln:preview-log', entry: { ...entry, level: 'fatal' } },
			{ type: 'kiln:preview-log', entry: { ...entry, kind: 'eval' } },
			{ type: 'kiln:preview-log', entry: { ...entry, text: { toString: () => 'x' } } },
			{ type: 'kiln:other', entry }
		]) {
			expect(parsePreviewLog(data)).toBeNull();
		}
	});

	it('bounds text and stack again: a page need not run our bridge to post', () => {
		const parsed = parsePreviewLog({
			type: 'kiln:preview-log',
			entry: { ...entry, text: 'x'.repeat(100_000), stack: 'y'.repeat(100_000) }
		});
		expect(parsed?.text).toHaveLength(LOG_TEXT_MAX_CHARS);
		expect(parsed?.stack).toHaveLength(LOG_STACK_MAX_CHARS);
	});

	it('forgets positions and statuses that are not plausible numbers', () => {
		const parsed = parsePreviewLog({
			type: 'kiln:preview-log',
			entry: { ...entry, line: -1, column: 1.5, status: 99_999 }
		});
		expect(parsed?.line).toBeUndefined();
		expect(parsed?.column).toBeUndefined();
		expect(parsed?.status).toBe(0);
	});

	it('takes a reply with its id, ok or not', () => {
		expect(
			parsePreviewReply({ type: 'kiln:preview-reply', id: 'a', ok: true, value: 'v' })
		).toEqual({ id: 'a', ok: true, value: 'v' });
		expect(
			parsePreviewReply({ type: 'kiln:preview-reply', id: 'a', ok: false, error: 'no' })
		).toEqual({ id: 'a', ok: false, error: 'no' });
		expect(parsePreviewReply({ type: 'kiln:preview-reply', id: 'a', ok: true })).toBeNull();
		expect(parsePreviewReply({ type: 'kiln:preview-reply', ok: true, value: 'v' })).toBeNull();
	});
});

describe('projectPathOf', () => {
	const root = new URL('http://preview.test/preview/p1/');

	it('maps a URL inside the static preview to its project path', () => {
		expect(projectPathOf('http://preview.test/preview/p1/src/app.js', root)).toBe('src/app.js');
		expect(projectPathOf('http://preview.test/preview/p1/my%20file.js?v=2#x', root)).toBe(
			'my file.js'
		);
		expect(projectPathOf('http://preview.test/preview/p1/', root)).toBe('index.html');
	});

	it('maps nothing outside it: another origin, another project, the bridge, a climb', () => {
		expect(projectPathOf('http://cdn.test/preview/p1/app.js', root)).toBeNull();
		expect(projectPathOf('http://preview.test/preview/p2/app.js', root)).toBeNull();
		expect(projectPathOf('http://preview.test/__kiln/bridge.js', root)).toBeNull();
		expect(projectPathOf('http://preview.test/preview/p1/%2e%2e/p2/a.js', root)).toBeNull();
		expect(projectPathOf('not a url', root)).toBeNull();
	});

	it('maps a dev server page from its origin', () => {
		const server = new URL('https://abc--5173.local-credentialless.webcontainer.io/');
		expect(projectPathOf(`${server.origin}/src/main.ts?t=123`, server)).toBe('src/main.ts');
		expect(projectPathOf(`${server.origin}/__kiln/bridge.js`, server)).toBeNull();
	});
});

describe('parsePngDataUrl', () => {
	it('reads the size from the PNG itself', () => {
		expect(parsePngDataUrl(pngHeadDataUrl(640, 360))).toMatchObject({ width: 640, height: 360 });
	});

	it('refuses what is not a PNG', () => {
		expect(parsePngDataUrl('data:image/jpeg;base64,/9j/4AAQSkZJRgABAQ')).toBeNull();
		expect(
			parsePngDataUrl(`data:image/png;base64,${Buffer.alloc(40).toString('base64')}`)
		).toBeNull();
		expect(parsePngDataUrl('data:image/png;base64,!!!!')).toBeNull();
		expect(parsePngDataUrl(pngHeadDataUrl(0, 10))).toBeNull();
	});
});

describe('screenshotScale', () => {
	it('keeps a small page as it is', () => {
		expect(screenshotScale(400, 300, 1280, 1600)).toBe(1);
	});

	it('fits the width, then the token budget (width × height / 750)', () => {
		expect(screenshotScale(2560, 100, 1280, 100_000)).toBe(0.5);
		const scale = screenshotScale(1280, 1200, 1280, 1600);
		const [w, h] = [Math.floor(1280 * scale), Math.floor(1200 * scale)];
		expect((w * h) / 750).toBeLessThanOrEqual(1600);
		expect((w * h) / 750).toBeGreaterThan(1550);
	});
});

describe('serverBridgeScript', () => {
	it('tells the bridge where its lazy scripts are and names its frames', () => {
		const script = serverBridgeScript('BRIDGE();', 'http://preview.test');
		expect(script).toContain('window["__kilnBridgeBase"] = "http://preview.test/";');
		expect(script.indexOf('__kilnBridgeBase')).toBeLessThan(script.indexOf('BRIDGE();'));
		expect(script).toMatch(/\/\/# sourceURL=kiln-preview-bridge\.js\n$/);
		expect(serverBridgeScript('BRIDGE();', null)).not.toContain('__kilnBridgeBase');
	});
});
