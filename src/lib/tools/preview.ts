import * as z from 'zod/mini';
import { described } from './described';
import { defineTool } from './define-tool';
import { formatEntries, summarizeEntries } from './preview-format';
import { ToolAbortedError, ToolError } from './tool-error';
import type { PreviewLogEntry, ToolContext, ToolResult } from './types';
import { messageOf } from '../errors';

export const SCREENSHOT_MAX_WIDTH = 1280;
/** Input tokens one screenshot may cost by default (width × height / 750); a setting changes it. */
export const SCREENSHOT_DEFAULT_TOKENS = 1600;
export const SNAPSHOT_MAX_CHARS = 6000;
export const PREVIEW_TOOL_MAX_WAIT_MS = 30_000;

const parameters = z.strictObject({
	path: described(
		z.optional(z.string()),
		'The page to load, relative to the project root or the dev server (e.g. "index.html", "about.html?x=1"). Default: reload the page shown now.'
	),
	action: described(
		z.enum(['console', 'screenshot', 'snapshot']),
		'console: errors, console messages and failed requests since the page loaded. screenshot: a PNG of the page. snapshot: an outline of the page (roles, names, text), cheaper than a screenshot.'
	),
	wait_ms: described(
		z.optional(z.int().check(z.gte(0), z.lte(PREVIEW_TOOL_MAX_WAIT_MS))),
		'How long to wait at most for the page to load and settle (default 5000).'
	)
});

export const previewTool = defineTool({
	name: 'preview',
	description: `Loads (or reloads) the project's page in the IDE's preview and reports what it shows, so you can check your work as the person will see it.

- action "console": uncaught errors (with source file:line and stack), console messages and failed requests (URL and HTTP status) since the load.
- action "screenshot": an image of the page (at most ${SCREENSHOT_MAX_WIDTH} px wide), for layout and looks. Costs about as many tokens as a page of text: use it when the looks matter.
- action "snapshot": a text outline of the page (headings, links, buttons, text), for checking content and structure cheaply.
- The page settles first: loaded, then quiet briefly (at most wait_ms).
- Files you write are served at once; a dev server (npm run dev) must be running for projects that need one.
- After changing something visible, check it: console first for errors, then snapshot or screenshot.`,
	parameters,
	readOnly: true,
	summarize: (args) => `${args.action}${args.path ? ` ${args.path}` : ''}`,
	async execute(args, ctx) {
		const preview = ctx.preview;
		if (!preview) {
			throw new ToolError(
				'There is no preview here: this agent runs without a browser page (the CLI or a benchmark). Check your work with bash instead (run the tests, or node on the script).'
			);
		}
		const loaded = await port(ctx, () =>
			preview.load(args.path, {
				signal: ctx.signal,
				...(args.wait_ms !== undefined ? { waitMs: args.wait_ms } : {})
			})
		);
		const head = `Loaded ${loaded.url}: ${summarizeEntries(loaded.entries)}.`;
		if (args.action === 'console') return consoleResult(head, loaded.entries);
		if (args.action === 'snapshot') {
			const outline = await port(ctx, () =>
				preview.snapshot({ maxChars: SNAPSHOT_MAX_CHARS, signal: ctx.signal })
			);
			return { ok: true, output: `${head}${errorHint(loaded.entries)}\n\n${outline}` };
		}
		const maxTokens = ctx.screenshotTokens ?? SCREENSHOT_DEFAULT_TOKENS;
		const image = await port(ctx, () =>
			preview.screenshot({ maxWidth: SCREENSHOT_MAX_WIDTH, maxTokens, signal: ctx.signal })
		);
		const tokens = Math.ceil((image.width * image.height) / 750);
		return {
			ok: true,
			output: `${head}${errorHint(loaded.entries)}\nScreenshot: ${image.width}×${image.height} px PNG (about ${tokens} tokens), attached.`,
			images: [image]
		};
	}
});

function consoleResult(head: string, entries: readonly PreviewLogEntry[]): ToolResult {
	const listing = formatEntries(entries);
	return { ok: true, output: listing ? `${head}\n\n${listing}` : head };
}

function errorHint(entries: readonly PreviewLogEntry[]): string {
	return entries.some((entry) => entry.level === 'error')
		? ' Call preview with action "console" to read the errors.'
		: '';
}

/** The port's failures as errors the model can act on (a stop stays a stop). */
async function port<T>(ctx: ToolContext, operation: () => Promise<T>): Promise<T> {
	try {
		return await operation();
	} catch (error) {
		if (ctx.signal.aborted) throw new ToolAbortedError();
		throw new ToolError(`preview: ${messageOf(error)}`);
	}
}
