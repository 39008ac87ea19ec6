import type { PreviewAnswer } from './ask-clients';
import { withBridge } from './bridge';
import { contentTypeFor } from './mime';
import { folderUrl, type PreviewRoute } from './paths';
import {
	badRequestResponse,
	fileResponse,
	notFoundResponse,
	projectNotOpenResponse,
	readErrorResponse,
	redirectResponse,
	timeoutResponse
} from './responses';
import { messageOf } from '../errors';

function withBridgeIfHtml(path: string, body: Uint8Array): Uint8Array {
	if (!contentTypeFor(path).startsWith('text/html')) return body;
	return new TextEncoder().encode(withBridge(new TextDecoder().decode(body)));
}

export type AskFile = (projectId: string, path: string) => Promise<PreviewAnswer>;

/**
 * Builds the response for a routed preview request. A slash-less URL that names a folder
 * (`/preview/p/docs`) is redirected to `docs/`, as static servers do, so its index.html's
 * relative links resolve inside the folder.
 */
export async function respondToPreview(
	route: PreviewRoute,
	requestUrl: URL,
	ask: AskFile,
	timeoutMs: number
): Promise<Response> {
	if (route.kind === 'redirect') return redirectResponse(new URL(route.location, requestUrl).href);
	if (route.kind === 'invalid') return badRequestResponse(route.reason);

	let answer: PreviewAnswer;
	try {
		answer = await ask(route.projectId, route.path);
		if (answer.status === 404 && !route.explicitDirectory && route.path !== '') {
			const index = await ask(route.projectId, `${route.path}/index.html`);
			if (index.status === 200)
				return redirectResponse(new URL(folderUrl(requestUrl), requestUrl).href);
		}
	} catch (error) {
		return readErrorResponse(route.path, messageOf(error));
	}

	switch (answer.status) {
		case 200:
			return fileResponse(route.path, withBridgeIfHtml(route.path, answer.body));
		case 404:
			return notFoundResponse(route.path);
		case 500:
			return readErrorResponse(route.path, answer.message);
		case 503:
			return projectNotOpenResponse(route.projectId);
		case 504:
			return timeoutResponse(route.path, timeoutMs);
	}
}
