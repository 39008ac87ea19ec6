import type { APIResponse } from '@playwright/test';
import { expect, test } from './model-server';
import { previewOrigin } from './origins';

function expectIsolated(response: APIResponse) {
	const headers = response.headers();
	expect(headers['cross-origin-opener-policy']).toBe('same-origin');
	expect(headers['cross-origin-embedder-policy']).toMatch(/^(credentialless|require-corp)$/);
}

test('every kind of response carries the isolation headers', async ({ page, request }) => {
	const html = await request.get('/');
	expect(html.ok()).toBe(true);
	expectIsolated(html);

	// A deep link falls back to the app's HTML, isolated too.
	const deep = await request.get('/project/some-id');
	expect(deep.ok()).toBe(true);
	expectIsolated(deep);

	// The preview origin's worker.
	const worker = await request.get(`${previewOrigin}/__kiln-sw.js`);
	expect(worker.ok()).toBe(true);
	expectIsolated(worker);

	// The IDE's app-shell worker, revalidated every time so a deploy reaches installed apps.
	const shell = await request.get('/service-worker.js');
	expect(shell.ok()).toBe(true);
	expectIsolated(shell);
	expect(shell.headers()['cache-control']).toBe('no-cache');
	const indexHtml = await request.get('/index.html');
	expect(indexHtml.headers()['cache-control']).toBe('no-cache');

	// A script the page really loads.
	const scripts: string[] = [];
	page.on('response', (response) => {
		if (response.url().endsWith('.js')) scripts.push(response.url());
	});
	await page.goto('/');
	await expect.poll(() => scripts.length).toBeGreaterThan(0);
	const asset = await request.get(scripts[0]!);
	expect(asset.ok()).toBe(true);
	expectIsolated(asset);

	const missing = await request.get('/_app/immutable/does-not-exist.js');
	expect(missing.status()).toBe(404);
	expectIsolated(missing);
});

test('the static host header files ship with the build', async ({ request }) => {
	const headers = await request.get('/_headers');
	expect(await headers.text()).toContain('Cross-Origin-Embedder-Policy');
});
