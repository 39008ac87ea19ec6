/**
 * Kiln installs as an app: a manifest with icons, an app shell kept by its service worker so it
 * opens with no network, and a notice (never a reload by itself) when a new version is deployed.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './model-server';
import { startServer } from '../../scripts/serve.mjs';
import { createProject, runInTerminal } from './helpers';

// The real app-shell worker: other specs get a stub (model-server.ts).
test.use({ shellWorker: true });

/** Waits until the app-shell worker is active (it registers itself once the page is idle). */
async function shellWorkerActive(page: Page) {
	await expect
		.poll(() =>
			page.evaluate(async () => {
				const registration = await navigator.serviceWorker.getRegistration();
				return registration?.active?.state ?? 'none';
			})
		)
		.toBe('activated');
}

test('a manifest names Kiln and its icons are real PNGs of the sizes it states', async ({
	page,
	request
}) => {
	await page.goto('/');
	const href = await page.locator('link[rel="manifest"]').getAttribute('href');
	const manifestUrl = new URL(href!, page.url());
	const manifest = (await (await request.get(manifestUrl.href)).json()) as {
		name: string;
		display: string;
		icons: { src: string; sizes: string; purpose: string }[];
	};
	expect(manifest).toMatchObject({ name: 'Kiln', display: 'standalone' });
	expect(manifest.icons.map((icon) => icon.purpose).sort()).toEqual(['any', 'any', 'maskable']);
	for (const icon of manifest.icons) {
		const response = await request.get(new URL(icon.src, manifestUrl).href);
		expect(response.headers()['content-type']).toBe('image/png');
		const png = await response.body();
		// The IHDR chunk holds the width and height right after the signature.
		expect(`${png.readUInt32BE(16)}x${png.readUInt32BE(20)}`).toBe(icon.sizes);
	}
});

test('once loaded, Kiln opens offline: the project list, a project and its terminal', async ({
	page,
	context
}) => {
	await createProject(page, 'Blank', { name: 'Kept offline', query: '?runtime=browser' });
	await page.goto('/');
	await expect(page.getByText('Kept offline')).toBeVisible();
	await shellWorkerActive(page);

	await context.setOffline(true);
	await page.reload();
	await expect(page.getByText('Kept offline')).toBeVisible();
	await page.getByText('Kept offline').click();
	await expect(page.getByRole('tree', { name: 'Files' })).toBeVisible();
	await runInTerminal(page, 'echo "offline-$((20 + 22))"');
	await expect(page.getByRole('region', { name: 'Terminal' })).toContainText('offline-42');

	// What the worker keeps is the app itself: no project, no configuration, nothing else.
	const kept = await page.evaluate(async () => {
		const urls: string[] = [];
		for (const key of await caches.keys()) {
			for (const request of await (await caches.open(key)).keys()) urls.push(request.url);
		}
		return urls.map((url) => new URL(url).pathname);
	});
	expect(kept).toContain('/index.html');
	expect(
		kept.filter((path) => !/^\/(_app\/|icons\/|index\.html$|favicon|manifest)/.test(path))
	).toEqual([]);
});

test.describe('a new deploy', () => {
	let root = '';
	let server: Awaited<ReturnType<typeof startServer>> | undefined;
	let origin = '';
	let port = 0;

	async function stopServer() {
		const stopping = new Promise((resolve) => server?.close(resolve));
		server?.closeAllConnections();
		await stopping;
	}

	test.beforeEach(async () => {
		// A deployment of its own (a copy of the build on another port), so this test may redeploy it.
		root = await mkdtemp(join(tmpdir(), 'kiln-deploy-'));
		await cp('build', root, { recursive: true });
		server = await startServer({ port: 0, previewPort: 0, host: 'localhost', root });
		const address = server.address();
		port = typeof address === 'object' && address ? address.port : 0;
		origin = `http://localhost:${port}`;
	});

	test.afterEach(async () => {
		await stopServer();
		await rm(root, { recursive: true, force: true });
	});

	/** What a deploy changes for the worker: the build's version, which names its cache. */
	async function deployNewVersion() {
		const { version } = JSON.parse(await readFile(join(root, '_app/version.json'), 'utf8')) as {
			version: string;
		};
		const next = `${version}-next`;
		const worker = await readFile(join(root, 'service-worker.js'), 'utf8');
		expect(worker).toContain(version);
		await writeFile(join(root, 'service-worker.js'), worker.replaceAll(version, next));
		await writeFile(join(root, '_app/version.json'), JSON.stringify({ version: next }));
		// The server would otherwise send the precompressed copies of the old worker.
		await rm(join(root, 'service-worker.js.br'), { force: true });
		await rm(join(root, 'service-worker.js.gz'), { force: true });
		// Served afresh, as a host serves a new deploy (the file server reads its files at start).
		await stopServer();
		server = await startServer({ port, previewPort: 0, host: 'localhost', root });
		return next;
	}

	test('is announced in every tab, and only the tab whose Reload is pressed reloads', async ({
		context
	}) => {
		// Two full installs of the app shell (this version's and the next one's).
		test.setTimeout(120_000);
		const first = await context.newPage();
		await first.goto(origin);
		await shellWorkerActive(first);
		// Pages loaded from now on run under the worker, as a returning visitor's do.
		await first.reload();
		const second = await context.newPage();
		await second.goto(origin);
		for (const page of [first, second]) {
			await expect(page.getByRole('button', { name: 'Create project' })).toBeVisible();
			await page.evaluate(() => ((window as { unsaved?: string }).unsaved = 'typed, not saved'));
		}

		const next = await deployNewVersion();
		// A visit after the deploy is when the browser looks for a new worker.
		const third = await context.newPage();
		await third.goto(origin);

		// The new version installs beside the running one, and waits.
		await expect
			.poll(
				() =>
					first.evaluate(async () => {
						const registration = await navigator.serviceWorker.getRegistration();
						return registration?.waiting?.state ?? 'none';
					}),
				{ timeout: 60_000 }
			)
			.toBe('installed');
		for (const page of [first, second]) {
			const notice = page.getByRole('alert', { name: 'Update ready' });
			await expect(notice).toContainText('A new version of Kiln is ready');
		}
		await first
			.getByRole('alert', { name: 'Update ready' })
			.getByRole('button', { name: 'Reload' })
			.click();
		await expect
			.poll(() =>
				first
					.evaluate(() => (window as { unsaved?: string }).unsaved ?? 'reloaded')
					// Asked while the reload replaces the page: ask again once it has.
					.catch(() => 'reloading')
			)
			.toBe('reloaded');
		await expect(first.getByRole('alert', { name: 'Update ready' })).toHaveCount(0);
		expect(await first.evaluate(() => caches.keys())).toEqual([`kiln-shell-${next}`]);
		// The other tab was told, not reloaded: what it held is still there.
		expect(await second.evaluate(() => (window as { unsaved?: string }).unsaved)).toBe(
			'typed, not saved'
		);
		await expect(second.getByRole('alert', { name: 'Update ready' })).toBeVisible();
	});
});
