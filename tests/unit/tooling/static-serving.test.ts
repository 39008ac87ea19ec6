/**
 * `npm start` serves like a static site should: the build's precompressed copies with
 * Content-Encoding, hashed assets cached for a year, everything else revalidated; and the
 * header files for static hosts say the same.
 */
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precompress } from '../../../scripts/precompress.mjs';
import { startServer } from '../../../scripts/serve.mjs';

const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Compressible text, well over the 1 KB floor. */
const SCRIPT = `export const words = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `word${i % 37}`))};\n`;
const PAGE = `<!doctype html><title>Kiln</title>${'<p>hello</p>'.repeat(200)}`;

describe('serving the build', () => {
	let root: string;
	let server: Server & { previewPort: number };
	let base: string;

	beforeAll(async () => {
		root = await mkdtemp(join(tmpdir(), 'kiln-serve-'));
		await mkdir(join(root, '_app', 'immutable', 'chunks'), { recursive: true });
		await writeFile(join(root, 'index.html'), PAGE);
		await writeFile(join(root, '_app', 'immutable', 'chunks', 'app.js'), SCRIPT);
		await writeFile(join(root, '_app', 'immutable', 'chunks', 'tiny.js'), 'export {};\n');
		await writeFile(join(root, 'favicon.png'), Buffer.alloc(4096, 7));
		await writeFile(join(root, 'service-worker.js'), 'self.addEventListener("fetch", () => {});\n');
		await precompress(root);
		server = await startServer({ port: 0, previewPort: 0, host: '127.0.0.1', root });
		const address = server.address();
		base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
	});

	afterAll(async () => {
		await new Promise((resolve) => server?.close(resolve));
		await rm(root, { recursive: true, force: true });
	});

	it('writes brotli and gzip copies of text files, not of small or binary ones', async () => {
		const script = join(root, '_app', 'immutable', 'chunks', 'app.js');
		expect((await stat(`${script}.br`)).size).toBeLessThan(SCRIPT.length);
		expect((await stat(`${script}.gz`)).size).toBeLessThan(SCRIPT.length);
		await expect(stat(join(root, '_app', 'immutable', 'chunks', 'tiny.js.br'))).rejects.toThrow();
		await expect(stat(join(root, 'favicon.png.gz'))).rejects.toThrow();
	});

	it.each([
		['br', 'br'],
		['gzip', 'gzip'],
		['br, gzip', 'br'],
		['identity', null]
	])('accept-encoding %s → content-encoding %s', async (accepted, encoding) => {
		const response = await fetch(`${base}/_app/immutable/chunks/app.js`, {
			headers: { 'accept-encoding': accepted }
		});
		expect(response.status).toBe(200);
		expect(response.headers.get('content-encoding')).toBe(encoding);
		// fetch decodes the body: what arrives is the file, byte for byte.
		expect(await response.text()).toBe(SCRIPT);
		expect(response.headers.get('cache-control')).toBe(IMMUTABLE);
		// The isolation headers still come with every asset.
		expect(response.headers.get('cross-origin-embedder-policy')).toBe('credentialless');
	});

	it('answers a hashed asset with its type, length and validator, and 304 when it is current', async () => {
		const url = `${base}/_app/immutable/chunks/app.js`;
		const first = await fetch(url, { headers: { 'accept-encoding': 'br' } });
		const compressed = await readFile(join(root, '_app', 'immutable', 'chunks', 'app.js.br'));
		expect(first.headers.get('content-type')).toMatch(/^text\/javascript/);
		expect(first.headers.get('content-length')).toBe(String(compressed.length));
		expect(first.headers.get('vary')).toBe('Accept-Encoding');
		const etag = first.headers.get('etag');
		expect(etag).toBeTruthy();
		await first.arrayBuffer();
		const again = await fetch(url, { headers: { 'if-none-match': etag! } });
		expect(again.status).toBe(304);
		expect(again.headers.get('cache-control')).toBe(IMMUTABLE);
		const head = await fetch(url, { method: 'HEAD', headers: { 'accept-encoding': 'gzip' } });
		expect(head.status).toBe(200);
		expect(head.headers.get('content-encoding')).toBe('gzip');
		expect(await head.text()).toBe('');
	});

	it('keeps hashed assets in memory: what was built is served even if the disk copy goes', async () => {
		// A hashed name never changes content, so it is read once at start (see immutable-assets.mjs).
		const tiny = join(root, '_app', 'immutable', 'chunks', 'tiny.js');
		await rm(tiny);
		try {
			const response = await fetch(`${base}/_app/immutable/chunks/tiny.js`);
			expect(response.status).toBe(200);
			expect(await response.text()).toBe('export {};\n');
		} finally {
			await writeFile(tiny, 'export {};\n');
		}
	});

	it('answers a malformed address without falling over', async () => {
		const response = await fetch(`${base}/_app/immutable/chunks/%E0%A4%A.js`);
		expect(response.status).toBeGreaterThanOrEqual(200);
		// Still serving.
		expect((await fetch(`${base}/_app/immutable/chunks/app.js`)).status).toBe(200);
	});

	it('leaves a range request to the file server, which answers the bytes asked for', async () => {
		const response = await fetch(`${base}/_app/immutable/chunks/app.js`, {
			headers: { range: 'bytes=0-5', 'accept-encoding': 'identity' }
		});
		expect(response.status).toBe(206);
		expect(await response.text()).toBe(SCRIPT.slice(0, 6));
	});

	it.each(['/', '/index.html', '/project/abc', '/favicon.png', '/service-worker.js'])(
		'%s is revalidated on every load (no-cache)',
		async (path) => {
			const response = await fetch(`${base}${path}`, { headers: { 'accept-encoding': 'br' } });
			expect(response.status).toBe(200);
			expect(response.headers.get('cache-control')).toBe('no-cache');
		}
	);

	it('the page itself comes compressed too', async () => {
		const response = await fetch(`${base}/`, { headers: { 'accept-encoding': 'gzip' } });
		expect(response.headers.get('content-encoding')).toBe('gzip');
		expect(await response.text()).toBe(PAGE);
	});
});

describe('header files for static hosts', () => {
	it('_headers caches hashed assets for a year and revalidates the pages', async () => {
		const text = await readFile(new URL('../../../static/_headers', import.meta.url), 'utf8');
		const rules = new Map<string, string[]>();
		let current = '';
		for (const line of text.split('\n')) {
			if (line.trim() === '') continue;
			if (!line.startsWith(' ')) rules.set((current = line.trim()), []);
			else rules.get(current)!.push(line.trim());
		}
		expect(rules.get('/_app/immutable/*')).toContain(`Cache-Control: ${IMMUTABLE}`);
		// The app-shell worker and the manifest too: a deploy must reach installed apps.
		for (const page of [
			'/',
			'/index.html',
			'/project/*',
			'/open*',
			'/service-worker.js',
			'/manifest.webmanifest'
		]) {
			expect(rules.get(page)).toContain('Cache-Control: no-cache');
		}
		// No catch-all sets Cache-Control: hosts would merge it into the immutable rule's.
		expect(rules.get('/*')?.some((header) => header.startsWith('Cache-Control'))).toBe(false);
	});

	it('vercel.json says the same, with rules that never both match', async () => {
		const config = JSON.parse(
			await readFile(new URL('../../../vercel.json', import.meta.url), 'utf8')
		) as { headers: { source: string; headers: { key: string; value: string }[] }[] };
		const cacheFor = (path: string) =>
			config.headers
				.filter((rule) => new RegExp(`^${rule.source}$`).test(path))
				.flatMap((rule) => rule.headers)
				.filter((header) => header.key === 'Cache-Control')
				.map((header) => header.value);
		expect(cacheFor('/_app/immutable/chunks/app.js')).toEqual([IMMUTABLE]);
		expect(cacheFor('/')).toEqual(['no-cache']);
		expect(cacheFor('/project/abc')).toEqual(['no-cache']);
		expect(cacheFor('/service-worker.js')).toEqual(['no-cache']);
		// The worker, manifest and icons are files, not routes of the app.
		const rewrites = (config as unknown as { rewrites: { source: string }[] }).rewrites;
		for (const file of ['/service-worker.js', '/manifest.webmanifest', '/icons/icon-192.png']) {
			expect(
				rewrites.some((rule) => new RegExp(`^${rule.source}$`).test(file)),
				file
			).toBe(false);
		}
	});
});
