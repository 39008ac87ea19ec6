/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />

// This worker exists only for static previews: it serves /preview/<projectId>/… from the
// workspace of the Kiln tab that has the project open, and leaves every other request alone
// (it caches nothing, so the app itself is never served stale).
import { base } from '$service-worker';
import { createPreviewFetchHandler } from '$lib/preview/worker-handler';

const sw = self as unknown as ServiceWorkerGlobalScope;

const handle = createPreviewFetchHandler(sw, base);

sw.addEventListener('install', () => {
	// A new version replaces the old at once: there is no cached app whose versions could clash.
	void sw.skipWaiting();
});

sw.addEventListener('activate', (event) => {
	// Take over open previews so their next requests are served without a reload.
	event.waitUntil(sw.clients.claim());
});

sw.addEventListener('fetch', (event) => {
	const response = handle(event.request);
	if (response) event.respondWith(response);
});
