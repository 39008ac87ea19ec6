import { askClients, pickClients, type PreviewClient } from './ask-clients';
import { routePreviewRequest } from './paths';
import { PREVIEW_TIMEOUT_MS } from './protocol';
import { respondToPreview } from './respond';

/** The part of `ServiceWorkerGlobalScope` the preview needs (a fake one in tests). */
export interface PreviewWorkerScope {
	readonly location: { readonly origin: string };
	readonly clients: {
		matchAll(options: {
			type: 'window';
			includeUncontrolled: boolean;
		}): Promise<readonly PreviewClient[]>;
	};
}

/**
 * The service worker's fetch logic. Returns `null` for every request it leaves alone (the
 * decision must be synchronous: `respondWith` cannot be called later), else the response.
 */
export function createPreviewFetchHandler(
	scope: PreviewWorkerScope,
	base: string,
	timeoutMs = PREVIEW_TIMEOUT_MS
): (request: Request) => Promise<Response> | null {
	return (request) => {
		if (request.method !== 'GET') return null;
		const url = new URL(request.url);
		if (url.origin !== scope.location.origin) return null;
		// The origin's own bootstrap files pass through to its server.
		if (url.pathname.startsWith('/__kiln')) return null;
		const route = routePreviewRequest(url, request.referrer, base);
		if (!route) return null;
		return respondToPreview(
			route,
			url,
			async (projectId, path) => {
				const all = await scope.clients.matchAll({ type: 'window', includeUncontrolled: true });
				return askClients(pickClients(all, projectId), { projectId, path }, timeoutMs);
			},
			timeoutMs
		);
	};
}
