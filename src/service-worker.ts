/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * The IDE origin's app-shell worker: it keeps this version's files (the hashed build and the
 * static icons) so Kiln opens with no network. It caches nothing else: projects and sessions
 * live in IndexedDB, model requests go to other origins, and kiln-config.json (the preview
 * origin) is asked of the server each time. The page (index.html) is fetched from the network
 * first and the cached copy is used only when that fails, so a deploy is never hidden behind
 * an old page. A new version installs beside the old one and waits; the page offers "Reload",
 * and only that click (a `skip-waiting` message) lets it take over.
 *
 * Previews have their own worker on the preview origin; this one never sees their requests.
 */
import { base, build, files, version } from '$service-worker';

const worker = self as unknown as ServiceWorkerGlobalScope;
const CACHE = `kiln-shell-${version}`;
const PAGE = `${base}/index.html`;
/** Host configuration files and the precompressed copies are not app files. */
const skipped = /(^|\/)(_headers|_redirects)$|\.(br|gz)$/;
const shellFiles = [...build, ...files.filter((file) => !skipped.test(file)), PAGE];
const shellPaths = new Set(shellFiles);

worker.addEventListener('install', (event) => {
	event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(shellFiles)));
});

worker.addEventListener('activate', (event) => {
	event.waitUntil(
		caches
			.keys()
			.then((keys) =>
				Promise.all(
					keys
						.filter((key) => key.startsWith('kiln-shell-') && key !== CACHE)
						.map((key) => caches.delete(key))
				)
			)
	);
});

worker.addEventListener('message', (event) => {
	if ((event.data as { type?: unknown } | null)?.type === 'skip-waiting') void worker.skipWaiting();
});

async function pageFromNetworkFirst(request: Request): Promise<Response> {
	try {
		return await fetch(request);
	} catch {
		const cached = await caches.match(PAGE, { cacheName: CACHE });
		if (cached) return cached;
		throw new Error('Kiln is offline and this version was not kept for offline use yet.');
	}
}

async function shellFile(request: Request, path: string): Promise<Response> {
	const cached = await caches.match(path, { cacheName: CACHE });
	return cached ?? fetch(request);
}

worker.addEventListener('fetch', (event) => {
	const { request } = event;
	if (request.method !== 'GET') return;
	const url = new URL(request.url);
	if (url.origin !== worker.location.origin) return;
	// Every route of the single-page app is index.html (the static adapter's fallback).
	if (request.mode === 'navigate') {
		event.respondWith(pageFromNetworkFirst(request));
	} else if (shellPaths.has(url.pathname)) {
		event.respondWith(shellFile(request, url.pathname));
	}
});
