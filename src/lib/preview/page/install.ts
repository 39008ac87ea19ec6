import { BRIDGE_BASE_GLOBAL, type PreviewLogMessage } from '../bridge-protocol';
import { PREVIEW_LOCATION_TYPE } from '../bridge';
import { answerCommands, drawingScreenshot } from './commands';
import { hookConsole } from './console-hook';
import { hookErrors } from './error-hooks';
import { hookNavigation } from './navigation-hooks';
import { hookRequests } from './request-hooks';
import { createReporter } from './reporter';

/**
 * Everything the bridge does in a preview page: report console messages, errors, failed
 * requests and navigation to the embedding IDE, and answer its commands. In a page that is not
 * embedded (opened in a tab of its own) there is nobody to tell, so it does nothing.
 */
export function installBridge(scriptUrl: string | undefined): void {
	if (window.parent === window) return;
	const globals = window as unknown as Record<string, unknown>;
	const configured = globals[BRIDGE_BASE_GLOBAL];
	const assetBase = typeof configured === 'string' ? configured : (scriptUrl ?? location.href);
	// Where the browser says who embeds us (Chromium, Safari), only that origin hears the page;
	// elsewhere '*', as the page does not know the IDE's origin.
	const target = location.ancestorOrigins?.[0] ?? '*';
	const post = (message: PreviewLogMessage | { type: string; href: string }) => {
		try {
			window.parent.postMessage(message, target);
		} catch {
			// A parent of another origin than ancestorOrigins said: nothing to do.
		}
	};
	const isBridge = (url: string) => {
		try {
			return url === scriptUrl || new URL(url, location.href).pathname.startsWith('/__kiln/');
		} catch {
			return false;
		}
	};
	const report = createReporter({
		post,
		now: () => performance.now(),
		later: (callback, ms) => void setTimeout(callback, ms)
	});
	hookConsole(console, report, isBridge);
	hookErrors(window, report, isBridge);
	hookRequests(window, (entry) => {
		if (!drawingScreenshot()) report(entry);
	});
	hookNavigation(window, (href) => post({ type: PREVIEW_LOCATION_TYPE, href }), report);
	answerCommands(assetBase);
}
