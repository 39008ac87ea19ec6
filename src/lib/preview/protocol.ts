/**
 * The messages between the preview service worker and the IDE page. The worker has no
 * workspace of its own, so for every preview request it asks the tab that has the project
 * open, over a MessageChannel, and waits a bounded time for the answer.
 */

export const PREVIEW_REQUEST_TYPE = 'kiln:preview-request';
export const PREVIEW_RESPONSE_TYPE = 'kiln:preview-response';

/** How long the worker waits for a tab to answer before it shows a 504 page. */
export const PREVIEW_TIMEOUT_MS = 5000;

/** Worker → page (sent with one MessagePort on which the page replies). */
export interface PreviewRequestMessage {
	readonly type: typeof PREVIEW_REQUEST_TYPE;
	readonly id: string;
	readonly projectId: string;
	/** Project-relative path without a leading slash: `index.html`, `css/site.css`. */
	readonly path: string;
}

/**
 * Page → worker. `200` carries the file; `404` means no such file (or a folder); `421` means
 * "this tab shows another project" so the worker need not wait for it; `500` means reading
 * failed, with the reason.
 */
export type PreviewResponseMessage =
	| {
			readonly type: typeof PREVIEW_RESPONSE_TYPE;
			readonly id: string;
			readonly status: 200;
			readonly body: Uint8Array;
	  }
	| { readonly type: typeof PREVIEW_RESPONSE_TYPE; readonly id: string; readonly status: 404 | 421 }
	| {
			readonly type: typeof PREVIEW_RESPONSE_TYPE;
			readonly id: string;
			readonly status: 500;
			readonly message: string;
	  };

export function isPreviewRequest(data: unknown): data is PreviewRequestMessage {
	if (typeof data !== 'object' || data === null) return false;
	const message = data as Record<string, unknown>;
	return (
		message.type === PREVIEW_REQUEST_TYPE &&
		typeof message.id === 'string' &&
		typeof message.projectId === 'string' &&
		typeof message.path === 'string'
	);
}

export function isPreviewResponse(data: unknown): data is PreviewResponseMessage {
	if (typeof data !== 'object' || data === null) return false;
	const message = data as Record<string, unknown>;
	if (message.type !== PREVIEW_RESPONSE_TYPE || typeof message.id !== 'string') return false;
	switch (message.status) {
		case 200:
			return message.body instanceof Uint8Array;
		case 404:
		case 421:
			return true;
		case 500:
			return typeof message.message === 'string';
		default:
			return false;
	}
}
