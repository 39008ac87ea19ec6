import { afterEach, describe, expect, it } from 'vitest';
import type { PreviewClient } from '../../../src/lib/preview/ask-clients';
import { createPreviewFetchHandler } from '../../../src/lib/preview/worker-handler';
import { fakeTab } from './fake-tab';

const origin = 'http://localhost:5173';
const files = {
	'index.html': '<link rel="stylesheet" href="style.css"><h1>Home</h1>',
	'style.css': 'h1 { color: red }',
	'docs/index.html': '<h1>Docs</h1>',
	'img/a b.png': new Uint8Array([1, 2, 3])
};

let clients: (PreviewClient & { uninstall(): void })[] = [];
afterEach(() => {
	for (const client of clients) client.uninstall();
	clients = [];
});

function handlerWith(timeoutMs = 2000) {
	const scope = { location: { origin }, clients: { matchAll: async () => clients } };
	return createPreviewFetchHandler(scope, '', timeoutMs);
}

function get(path: string, init: RequestInit & { referrer?: string } = {}) {
	return new Request(new URL(path, origin), init);
}

describe('the preview fetch handler', () => {
	it('serves the project index with its type and the required headers', async () => {
		clients = [fakeTab(`${origin}/__kiln/host.html?project=p1`, { projectId: 'p1', files })];
		const response = await handlerWith()(get('/preview/p1/'));
		expect(response?.status).toBe(200);
		expect(response?.headers.get('content-type')).toBe('text/html; charset=utf-8');
		expect(response?.headers.get('cross-origin-embedder-policy')).toBe('credentialless');
		expect(response?.headers.get('cache-control')).toBe('no-store');
		// With the bridge that tells the IDE where the page is, and nothing else changed.
		expect(await response?.text()).toBe(
			'<script src="/__kiln/bridge.js"></script>' + files['index.html']
		);
	});

	it('serves percent-encoded paths and binary files', async () => {
		clients = [fakeTab(`${origin}/__kiln/host.html?project=p1`, { projectId: 'p1', files })];
		const response = await handlerWith()(get('/preview/p1/img/a%20b.png'));
		expect(response?.headers.get('content-type')).toBe('image/png');
		// Other files go out byte for byte.
		expect(new Uint8Array(await response!.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3]));
	});

	it('redirects a slash-less folder to its index', async () => {
		clients = [fakeTab(`${origin}/__kiln/host.html?project=p1`, { projectId: 'p1', files })];
		const response = await handlerWith()(get('/preview/p1/docs?x=1'));
		expect(response?.status).toBe(302);
		expect(response?.headers.get('location')).toBe(`${origin}/preview/p1/docs/?x=1`);
	});

	it('shows a 404 page naming the missing file', async () => {
		clients = [fakeTab(`${origin}/__kiln/host.html?project=p1`, { projectId: 'p1', files })];
		const response = await handlerWith()(get('/preview/p1/js/app.js'));
		expect(response?.status).toBe(404);
		expect(await response?.text()).toContain('js/app.js');
	});

	it('shows a 504 page when the IDE tab does not answer', async () => {
		clients = [fakeTab(`${origin}/__kiln/host.html?project=p1`)];
		const response = await handlerWith(30)(get('/preview/p1/index.html'));
		expect(response?.status).toBe(504);
		expect(response?.headers.get('cross-origin-opener-policy')).toBe('same-origin');
	});

	it('refuses a path that climbs out of the project', async () => {
		const response = await handlerWith()(get('/preview/p1/..%2Fsecret'));
		expect(response?.status).toBe(400);
	});

	it('redirects root-relative requests of a preview under its prefix', async () => {
		const request = get('/style.css', { referrer: `${origin}/preview/p1/index.html` });
		const response = await handlerWith()(request);
		expect(response?.status).toBe(302);
		expect(response?.headers.get('location')).toBe(`${origin}/preview/p1/style.css`);
	});

	it('passes through everything that is not a preview', () => {
		const handle = handlerWith();
		expect(handle(get('/'))).toBeNull();
		expect(
			handle(get('/_app/immutable/start.js', { referrer: `${origin}/__kiln/host.html?project=p1` }))
		).toBeNull();
		expect(handle(new Request('https://api.example.com/preview/p1/'))).toBeNull();
		// The origin's own bootstrap files, even when a preview links to them.
		expect(handle(get('/__kiln/host.js', { referrer: `${origin}/preview/p1/` }))).toBeNull();
		expect(handle(get('/preview/p1/form', { method: 'POST', body: 'x' }))).toBeNull();
	});
});
