/**
 * The preview origin's fixed addresses and the handshake between the IDE tab and the preview
 * origin's bootstrap page ("host"). The IDE embeds the host in a hidden frame; the host says it
 * is ready; the IDE answers with a MessagePort on which it serves the project's files. Each side
 * checks the other's origin before it listens to a word.
 */

/** The bootstrap page the IDE embeds; `?project=<id>` says which project its tab has open. */
export const HOST_PAGE_PATH = '/__kiln/host.html';
/** The host page's script (bundled by scripts/preview-origin.mjs). */
export const HOST_SCRIPT_PATH = '/__kiln/host.js';
/** `{ "ideOrigins": [...] }`: the IDE origins the host may serve. */
export const HOST_CONFIG_PATH = '/__kiln/config.json';
/** At the root, so its default scope covers /preview/ without a Service-Worker-Allowed header. */
export const PREVIEW_WORKER_PATH = '/__kiln-sw.js';

export const HOST_READY_TYPE = 'kiln:preview-host-ready';
export const HOST_FAILED_TYPE = 'kiln:preview-host-failed';
export const HOST_CONNECT_TYPE = 'kiln:preview-host-connect';

/** Host → IDE: its worker is active and it waits for a port. */
export interface HostReadyMessage {
	readonly type: typeof HOST_READY_TYPE;
}

/** Host → IDE: the preview cannot run here, and why (shown to the person). */
export interface HostFailedMessage {
	readonly type: typeof HOST_FAILED_TYPE;
	readonly message: string;
}

/** IDE → host, with one MessagePort: file requests go to the IDE through it. */
export interface HostConnectMessage {
	readonly type: typeof HOST_CONNECT_TYPE;
}

function typed(data: unknown): Record<string, unknown> | null {
	return typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : null;
}

export function isHostReady(data: unknown): data is HostReadyMessage {
	return typed(data)?.type === HOST_READY_TYPE;
}

export function isHostFailed(data: unknown): data is HostFailedMessage {
	const message = typed(data);
	return message?.type === HOST_FAILED_TYPE && typeof message.message === 'string';
}

export function isHostConnect(data: unknown): data is HostConnectMessage {
	return typed(data)?.type === HOST_CONNECT_TYPE;
}

/** The host page URL for a project, on the preview origin. */
export function hostPageUrl(previewOrigin: string, projectId: string): string {
	const url = new URL(HOST_PAGE_PATH, previewOrigin);
	url.searchParams.set('project', projectId);
	return url.href;
}

/** Whether a window client is a host page, and for which project (`''` when it names none). */
export function hostProjectOf(clientUrl: string): string | null {
	let url: URL;
	try {
		url = new URL(clientUrl);
	} catch {
		return null;
	}
	if (url.pathname !== HOST_PAGE_PATH) return null;
	return url.searchParams.get('project') ?? '';
}

/** The origins listed in the host's config, each normalised; anything malformed is dropped. */
export function parseIdeOrigins(data: unknown): string[] {
	const list = typed(data)?.ideOrigins;
	if (!Array.isArray(list)) return [];
	const origins: string[] = [];
	for (const entry of list) {
		if (typeof entry !== 'string') continue;
		try {
			const url = new URL(entry);
			if (url.protocol === 'https:' || url.protocol === 'http:') origins.push(url.origin);
		} catch {
			// Not a URL: ignored rather than trusted.
		}
	}
	return origins;
}
