import { describe, expect, it } from 'vitest';
import { createBrowserRuntime } from '../../../src/lib/runtime/browser';
import {
	createReadTracker,
	formatEntries,
	runTool,
	SCREENSHOT_DEFAULT_TOKENS,
	type PreviewLogEntry,
	type PreviewPort,
	type ToolContext,
	type ToolImage
} from '../../../src/lib/tools';
import { openWorkspace } from '../../../src/lib/workspace';
import { permissionFor, subagentPermission } from '../../../src/lib/agent/permissions';
import { subagentTools } from '../../../src/lib/agent/subagents';

const at = 1;
const ERROR: PreviewLogEntry = {
	kind: 'error',
	level: 'error',
	text: 'Uncaught ReferenceError: undefinedFunction is not defined',
	stack:
		'ReferenceError: undefinedFunction is not defined\n    at /app.js:2:1\n    at /main.js:9:3',
	source: { path: 'app.js', line: 2, column: 1 },
	at
};
const FAILED: PreviewLogEntry = {
	kind: 'request-failed',
	level: 'error',
	text: 'Failed to load <img> http://p/preview/1/missing.png (HTTP 404)',
	url: 'http://p/preview/1/missing.png',
	status: 404,
	at
};
const LOG = (text: string): PreviewLogEntry => ({ kind: 'console', level: 'log', text, at });

async function context(preview?: PreviewPort, screenshotTokens?: number): Promise<ToolContext> {
	const runtime = await createBrowserRuntime({ files: {} });
	const workspace = await openWorkspace({ projectId: 'preview', runtime });
	return {
		workspace,
		runtime,
		signal: new AbortController().signal,
		readTracker: createReadTracker(),
		...(preview ? { preview } : {}),
		...(screenshotTokens ? { screenshotTokens } : {})
	};
}

function port(entries: readonly PreviewLogEntry[], calls: unknown[] = []): PreviewPort {
	const image: ToolImage = {
		mediaType: 'image/png',
		data: 'iVBORw0KGgo=',
		width: 640,
		height: 400
	};
	return {
		async load(path, options) {
			calls.push(['load', path, options.waitMs]);
			return { url: `http://p/preview/1/${path ?? ''}`, entries };
		},
		async screenshot(options) {
			calls.push(['screenshot', options.maxWidth, options.maxTokens]);
			return image;
		},
		async snapshot(options) {
			calls.push(['snapshot', options.maxChars]);
			return '- heading "Totals" [level=1]';
		}
	};
}

describe('the preview tool', () => {
	it('says clearly that there is no preview where there is none (CLI, benches)', async () => {
		const result = await runTool('preview', { action: 'console' }, await context());
		expect(result.ok).toBe(false);
		expect(result.output).toMatch(/There is no preview here/);
	});

	it('loads the page and lists errors with their source, failed URLs and console lines', async () => {
		const calls: unknown[] = [];
		const ctx = await context(port([ERROR, FAILED, LOG('ready')], calls));
		const result = await runTool(
			'preview',
			{ action: 'console', path: 'index.html', wait_ms: 2000 },
			ctx
		);
		expect(calls).toEqual([['load', 'index.html', 2000]]);
		expect(result.ok).toBe(true);
		expect(result.output).toContain(
			'Loaded http://p/preview/1/index.html: 1 error, 1 failed request, 1 other message.'
		);
		expect(result.output).toContain(
			'[uncaught] Uncaught ReferenceError: undefinedFunction is not defined (app.js:2:1)\n    at /app.js:2:1'
		);
		expect(result.output).toContain(
			'[failed request] Failed to load <img> http://p/preview/1/missing.png (HTTP 404)'
		);
		expect(result.output).toContain('[log] ready');
		expect(result.images).toBeUndefined();
	});

	it('says when the page reported nothing', async () => {
		const result = await runTool('preview', { action: 'console' }, await context(port([])));
		expect(result.output).toBe('Loaded http://p/preview/1/: no errors, nothing logged.');
	});

	it('answers a screenshot with one PNG image, within the width and the token budget', async () => {
		const calls: unknown[] = [];
		const result = await runTool(
			'preview',
			{ action: 'screenshot' },
			await context(port([ERROR], calls), 900)
		);
		expect(calls).toEqual([
			['load', undefined, undefined],
			['screenshot', 1280, 900]
		]);
		expect(result.images).toEqual([
			{ mediaType: 'image/png', data: 'iVBORw0KGgo=', width: 640, height: 400 }
		]);
		expect(result.output).toContain('Screenshot: 640×400 px PNG (about 342 tokens), attached.');
		expect(result.output).toContain('Call preview with action "console" to read the errors.');
	});

	it('uses the default budget when no setting is passed', async () => {
		const calls: unknown[] = [];
		await runTool('preview', { action: 'screenshot' }, await context(port([], calls)));
		expect(calls[1]).toEqual(['screenshot', 1280, SCREENSHOT_DEFAULT_TOKENS]);
	});

	it('answers a snapshot with the outline', async () => {
		const result = await runTool('preview', { action: 'snapshot' }, await context(port([])));
		expect(result.output).toMatch(/nothing logged\.\n\n- heading "Totals" \[level=1\]$/);
	});

	it('turns a failure of the page into an error the model can act on', async () => {
		const failing: PreviewPort = {
			...port([]),
			screenshot: async () => {
				throw new Error('The preview page did not answer the screenshot within 20 s.');
			}
		};
		const result = await runTool('preview', { action: 'screenshot' }, await context(failing));
		expect(result).toMatchObject({
			ok: false,
			output: 'preview: The preview page did not answer the screenshot within 20 s.'
		});
	});

	it('refuses bad arguments centrally', async () => {
		const ctx = await context(port([]));
		expect((await runTool('preview', { action: 'click' }, ctx)).ok).toBe(false);
		expect((await runTool('preview', { action: 'console', wait_ms: 999_999 }, ctx)).ok).toBe(false);
	});
});

describe('formatEntries', () => {
	it('collapses repeats and leaves out the navigation of the load itself', () => {
		const navigation: PreviewLogEntry = {
			kind: 'navigation',
			level: 'info',
			text: 'Navigated to http://p/preview/1/',
			at
		};
		expect(formatEntries([navigation, LOG('tick'), LOG('tick'), LOG('tick'), LOG('done')])).toBe(
			'[log] tick (×3)\n[log] done'
		);
	});

	it('keeps errors first when a page logged too much, and counts the rest', () => {
		const noise = Array.from({ length: 300 }, (_, i) => LOG(`line ${i} ${'x'.repeat(80)}`));
		const text = formatEntries([...noise, ERROR]);
		expect(text).toContain('[uncaught] Uncaught ReferenceError');
		expect(text.length).toBeLessThan(9000);
		expect(text).toMatch(/… \d+ more entries not shown\.$/);
	});
});

describe('preview is read-only', () => {
	it('runs in plan mode and in explore subagents', () => {
		expect(permissionFor('plan', 'preview', { action: 'screenshot' })).toEqual({ allowed: true });
		expect(subagentPermission('explore', 'preview', { action: 'console' })).toEqual({
			allowed: true
		});
		expect(subagentTools('explore').map((tool) => tool.name)).toContain('preview');
	});
});
