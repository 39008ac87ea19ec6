// Bundled to /__kiln/bridge.js by scripts/preview-origin.mjs; every preview HTML page loads it
// (src/lib/preview/bridge.ts says why). The target origin is '*': the page does not know the
// IDE's, and its own URL is all it says.
import { PREVIEW_LOCATION_TYPE } from '../lib/preview/origin';

if (window.parent !== window) {
	const tell = () =>
		window.parent.postMessage({ type: PREVIEW_LOCATION_TYPE, href: location.href }, '*');
	tell();
	window.addEventListener('hashchange', tell);
	window.addEventListener('popstate', tell);
}
