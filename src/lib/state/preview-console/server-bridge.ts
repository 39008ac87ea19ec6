import { loadServerBridgeScript } from '$lib/preview';
import { setContainerPreviewScript, type PreviewScriptContainer } from '$lib/runtime/webcontainer';

/**
 * Gives WebContainer the preview bridge for every page its dev servers serve, so those previews
 * report to the Console and answer the preview tool like static ones. A failure costs only
 * that: the returned message says so, and the runtime works on without it.
 */
export async function installServerBridge(
	container: PreviewScriptContainer,
	load: () => Promise<string> = loadServerBridgeScript
): Promise<string | null> {
	try {
		await setContainerPreviewScript(container, await load());
		return null;
	} catch (error) {
		return `Dev-server previews will not report their console: ${error instanceof Error ? error.message : String(error)}`;
	}
}
