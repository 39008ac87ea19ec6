import { installPreviewResponder, type MessageSource } from '../../../src/lib/preview/responder';
import type { PreviewClient } from '../../../src/lib/preview/ask-clients';

/**
 * A browser tab as the service worker sees it: a window client whose postMessage reaches the
 * tab's `navigator.serviceWorker`, where the real responder answers over the real port.
 */
export function fakeTab(
	url: string,
	project?: { projectId: string; files: Record<string, string | Uint8Array> }
): PreviewClient & { readonly received: unknown[]; uninstall(): void } {
	const source = new EventTarget() as EventTarget & MessageSource;
	const received: unknown[] = [];
	const uninstall = project
		? installPreviewResponder({
				projectId: project.projectId,
				source,
				readFile: async (path) => {
					const file = project.files[path];
					if (file === undefined) return null;
					return typeof file === 'string' ? new TextEncoder().encode(file) : file;
				}
			})
		: () => {};
	return {
		url,
		received,
		uninstall,
		postMessage(message, transfer) {
			received.push(message);
			const ports = transfer.filter((item): item is MessagePort => item instanceof MessagePort);
			source.dispatchEvent(new MessageEvent('message', { data: structuredClone(message), ports }));
		}
	};
}
