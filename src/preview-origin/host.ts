// The preview origin's bootstrap page script (bundled to /__kiln/host.js by
// scripts/preview-origin.mjs): relays its worker's file requests to the IDE tab that embeds it.
import { startHostRelay } from '../lib/preview/origin';

void startHostRelay({
	parent: window.parent === window ? null : window.parent,
	location: window.location,
	addEventListener: (type, listener) => window.addEventListener(type, listener),
	fetch: (url, init) => fetch(url, init),
	serviceWorker: 'serviceWorker' in navigator ? navigator.serviceWorker : undefined
});
