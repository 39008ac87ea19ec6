import { base } from '$app/paths';
import { BRIDGE_BASE_GLOBAL } from './bridge-protocol';
import { loadPreviewOrigin } from './preview-config';

/**
 * The bridge for pages a dev server serves (WebContainer injects it inline, see
 * setContainerPreviewScript): the same bundle as /__kiln/bridge.js, told where the preview
 * origin is so it can load its screenshot and snapshot scripts from there, and named by a
 * sourceURL so its own stack frames are never taken for the page's.
 */
export function serverBridgeScript(bridge: string, previewOrigin: string | null): string {
	const assets = previewOrigin
		? `window[${JSON.stringify(BRIDGE_BASE_GLOBAL)}] = ${JSON.stringify(`${previewOrigin}/`)};\n`
		: '';
	return `${assets}${bridge}\n//# sourceURL=kiln-preview-bridge.js\n`;
}

/** Loads the bridge's text (a chunk of its own, fetched only when WebContainer starts). */
export async function loadServerBridgeScript(): Promise<string> {
	const [{ default: bridge }, previewOrigin] = await Promise.all([
		import('virtual:kiln-preview-bridge'),
		loadPreviewOrigin(base)
	]);
	return serverBridgeScript(bridge, previewOrigin);
}
