/**
 * The one script the preview origin adds to every HTML page it serves. It tells the embedding IDE
 * where the page is, so the address bar follows links clicked inside the (cross-origin) preview,
 * and reports what the page logs and fails at (page/, bridge-protocol.ts). It sends only what the
 * page itself shows or logs; the IDE believes it only from its preview frame and only inside the
 * preview's root.
 */
export const BRIDGE_SCRIPT_PATH = '/__kiln/bridge.js';
export const PREVIEW_LOCATION_TYPE = 'kiln:preview-location';

export interface PreviewLocationMessage {
	readonly type: typeof PREVIEW_LOCATION_TYPE;
	readonly href: string;
}

export function isPreviewLocation(data: unknown): data is PreviewLocationMessage {
	if (typeof data !== 'object' || data === null) return false;
	const message = data as Record<string, unknown>;
	return message.type === PREVIEW_LOCATION_TYPE && typeof message.href === 'string';
}

const tag = `<script src="${BRIDGE_SCRIPT_PATH}"></script>`;
const doctype = /^(\uFEFF?\s*<!doctype[^>]*>)/i;

/** The page with the bridge first, after its doctype (before it, the page would lose standards mode). */
export function withBridge(html: string): string {
	const head = doctype.exec(html)?.[1] ?? '';
	return `${head}${tag}${html.slice(head.length)}`;
}
