import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { bundlePreviewOrigin, startPreviewOriginServer } from '../../../scripts/preview-origin.mjs';

let server: Server | undefined;
afterEach(
	() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
);

async function start() {
	const files = bundlePreviewOrigin({ minify: false });
	server = await startPreviewOriginServer({
		port: 0,
		host: '127.0.0.1',
		idePort: 4173,
		files: () => files
	});
	return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('the preview origin server', () => {
	it('serves its bootstrap files with the headers an isolated IDE needs to embed them', async () => {
		const origin = await start();
		for (const path of [
			'/__kiln/host.html',
			'/__kiln/host.js',
			'/__kiln/bridge.js',
			'/__kiln-sw.js'
		]) {
			const response = await fetch(`${origin}${path}`);
			expect(response.status, path).toBe(200);
			expect(response.headers.get('cross-origin-embedder-policy')).toBe('credentialless');
			expect(response.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
			expect(response.headers.get('cache-control')).toBe('no-cache');
		}
		expect(await (await fetch(`${origin}/__kiln/host.html`)).text()).toContain(
			'<script src="/__kiln/host.js"></script>'
		);
	});

	it('pairs with the IDE on the same host name, one port down', async () => {
		const origin = await start();
		const config = await fetch(`${origin}/__kiln/config.json`);
		expect(await config.json()).toEqual({ ideOrigins: ['http://127.0.0.1:4173'] });
	});

	it('serves nothing else: previews come from its worker, never from the server', async () => {
		const origin = await start();
		for (const path of [
			'/',
			'/index.html',
			'/preview/p1/',
			'/_app/version.json',
			'/kiln-config.json'
		]) {
			const response = await fetch(`${origin}${path}`);
			expect(response.status, path).toBe(404);
			expect(await response.text()).toContain('open it there');
		}
		expect((await fetch(`${origin}/__kiln/host.html`, { method: 'POST' })).status).toBe(405);
	});
});
