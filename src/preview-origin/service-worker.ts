/// <reference lib="webworker" />
// The preview origin's service worker (bundled to /__kiln-sw.js by scripts/preview-origin.mjs):
// serves /preview/<projectId>/… from the IDE tab that has the project open, asking it through
// the host page that tab embeds. It caches nothing and holds nothing of the person's.
import { createPreviewFetchHandler } from '../lib/preview/origin';

const sw = self as unknown as ServiceWorkerGlobalScope;
const handle = createPreviewFetchHandler(sw, '');

sw.addEventListener('install', () => {
	// A new version replaces the old at once: there is no cached content whose versions could clash.
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
