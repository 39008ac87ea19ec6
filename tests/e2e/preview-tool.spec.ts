import type { Page } from '@playwright/test';
import type { MockModelServer } from '../../tooling/mock-model';
import { configure, createProject, send } from './helpers';
import { expect, test } from './model-server';

const PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Totals</title></head>
<body style="margin:0;background:#fff">
<h1>Totals</h1>
<img src="missing.png" alt="chart">
<script src="app.js"></script>
</body>
</html>
`;

const SCRIPT = `console.error('Total is NaN: kiln-check-42');
undefinedFunction();
`;

/** Every string the model server received in the n-th model request (tool results included). */
function requestText(requests: readonly { format: unknown; body: unknown }[], n: number): string {
	return JSON.stringify(requests.filter((r) => r.format !== null)[n]?.body ?? null);
}

/** The Anthropic image blocks in a request body, wherever they are nested. */
function imageBlocks(body: unknown): { media_type: string; data: string }[] {
	const found: { media_type: string; data: string }[] = [];
	const visit = (value: unknown) => {
		if (Array.isArray(value)) return value.forEach(visit);
		if (typeof value !== 'object' || value === null) return;
		const record = value as Record<string, unknown>;
		const source = record.source as Record<string, unknown> | undefined;
		if (record.type === 'image' && typeof source?.data === 'string') {
			found.push({ media_type: String(source.media_type), data: source.data });
		}
		Object.values(record).forEach(visit);
	};
	visit(body);
	return found;
}

/** The preview tool's own limits (PREVIEW_DEFAULT_WAIT_MS + the screenshot's) with a margin. */
const TOOL_RUN_TIMEOUT = 45_000;

/**
 * A Blank project where the scripted agent writes index.html, calls preview with `action`, then
 * ends with `done`; returns once that answer shows. `budget`: the screenshot budget set in
 * Settings first.
 */
async function agentPreviews(
	page: Page,
	modelServer: MockModelServer,
	action: string,
	done: string,
	budget?: number
) {
	modelServer.setScript({
		turns: [
			{ toolCalls: [{ name: 'write', input: { path: 'index.html', content: PAGE } }] },
			{ toolCalls: [{ name: 'preview', input: { action } }] },
			{ text: done }
		]
	});
	await createProject(page, 'Blank', { query: '?runtime=browser' });
	// A screenshot goes to the model as an image only where the model is said to accept images.
	await configure(
		page,
		'Anthropic',
		modelServer.url,
		action === 'screenshot' ? { images: 'Yes' } : {}
	);
	if (budget !== undefined) await setScreenshotBudget(page, budget);
	await send(page, `Make a totals page and check it (${action})`);
	// Three model turns, a page loaded into the preview (it may wait up to 5 s to settle) and a
	// screenshot drawn (allowed 20 s): 2.5–6 s alone here, past the default 15 s on a loaded CI
	// machine. The wait covers what the tool itself allows.
	await expect(page.getByRole('region', { name: 'Chat' }).getByText(done)).toBeVisible({
		timeout: TOOL_RUN_TIMEOUT
	});
}

async function setScreenshotBudget(page: Page, tokens: number) {
	await page.getByRole('button', { name: 'Settings' }).click();
	const dialog = page.getByRole('dialog', { name: 'Settings' });
	const field = dialog.getByRole('textbox', { name: 'Screenshot budget' });
	await expect(field).toHaveValue('1600');
	await field.fill(String(tokens));
	await field.press('Tab');
	await expect(dialog.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
	await dialog.getByRole('button', { name: 'Cancel' }).click();
}

/** The size the bridge promises: the preview's viewport, scaled to ≤ 1280 px and ≤ `tokens`. */
async function expectedScreenshotSize(page: Page, tokens = 1600) {
	const frame = page.frames().find((candidate) => candidate.url().includes('/preview/'));
	if (!frame) throw new Error('no preview frame');
	const { width, height } = await frame.evaluate(() => ({
		width: document.documentElement.clientWidth,
		height: window.innerHeight
	}));
	const scale = Math.min(1, 1280 / width, Math.sqrt((tokens * 750) / (width * height)));
	return { width: Math.floor(width * scale), height: Math.floor(height * scale) };
}

test('the agent writes a page that fails, and preview (console) hands it the errors', async ({
	page,
	modelServer
}) => {
	modelServer.setScript({
		turns: [
			{ toolCalls: [{ name: 'write', input: { path: 'index.html', content: PAGE } }] },
			{ toolCalls: [{ name: 'write', input: { path: 'app.js', content: SCRIPT } }] },
			{ toolCalls: [{ name: 'preview', input: { action: 'console', path: 'index.html' } }] },
			{ text: 'The page has errors.' }
		]
	});
	await createProject(page, 'Blank', { query: '?runtime=browser' });
	await configure(page, 'Anthropic', modelServer.url);
	await send(page, 'Make a totals page');
	const chat = page.getByRole('region', { name: 'Chat' });
	await expect(chat.getByText('The page has errors.')).toBeVisible({ timeout: TOOL_RUN_TIMEOUT });

	const result = requestText(modelServer.requests(), 3);
	// The console.error, with the project file and line it came from.
	expect(result).toContain('Total is NaN: kiln-check-42 (app.js:1');
	// The uncaught error, with its position.
	expect(result).toMatch(/\[uncaught\] [^"]*undefinedFunction is not defined \(app\.js:2/);
	// The image that failed to load, with its status.
	expect(result).toMatch(/\[failed request\] [^"]*missing\.png \(HTTP 404\)/);
	await expect(chat.getByRole('group', { name: 'preview' })).toContainText('done');
});

test('preview (screenshot) answers with a PNG of the page, downscaled as promised', async ({
	page,
	modelServer
}) => {
	await agentPreviews(page, modelServer, 'screenshot', 'It looks right.');

	const { width, height } = await expectedScreenshotSize(page);
	const result = requestText(modelServer.requests(), 2);
	expect(result).toContain(`Screenshot: ${width}×${height} px PNG`);
	expect(Math.ceil((width * height) / 750)).toBeLessThanOrEqual(1600);
});

test('the screenshot budget set in Settings downscales the screenshot further', async ({
	page,
	modelServer
}) => {
	await agentPreviews(page, modelServer, 'screenshot', 'It looks right.', 400);

	const { width, height } = await expectedScreenshotSize(page, 400);
	const result = requestText(modelServer.requests(), 2);
	expect(result).toContain(`Screenshot: ${width}×${height} px PNG`);
	expect(Math.ceil((width * height) / 750)).toBeLessThanOrEqual(400);
});

test('preview (screenshot) reaches the model as an image block of that size', async ({
	page,
	modelServer
}) => {
	await agentPreviews(page, modelServer, 'screenshot', 'It looks right.');

	const expected = await expectedScreenshotSize(page);
	const body = modelServer.requests().filter((r) => r.format !== null)[2]?.body;
	const [image] = imageBlocks(body);
	expect(image?.media_type).toBe('image/png');
	const png = Buffer.from(image?.data ?? '', 'base64');
	expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
	expect({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) }).toEqual(expected);
});

test('preview (snapshot) outlines the page for models without vision', async ({
	page,
	modelServer
}) => {
	await agentPreviews(page, modelServer, 'snapshot', 'Outlined.');

	const result = requestText(modelServer.requests(), 2);
	expect(result).toContain('- heading \\"Totals\\" [level=1]');
	expect(result).toContain('- img \\"chart\\"');
});
