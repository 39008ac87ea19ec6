/**
 * The dev servers a runtime said are listening (its `ready` and `closed` preview events), newest
 * last. The preview shows the newest one still open, so closing it falls back to the one before.
 * Matched by port: WebContainer's URLs carry the port in the host name, not as `:port`.
 */
import type { PreviewEvent } from '$lib/runtime';

export interface OpenServer {
	readonly port: number;
	readonly url: string;
}

/** The open servers after `event`: a new server (or a port announced again) goes last. */
export function applyPreviewEvent(
	servers: readonly OpenServer[],
	event: PreviewEvent
): readonly OpenServer[] {
	const others = servers.filter((server) => server.port !== event.port);
	return event.type === 'ready' ? [...others, { port: event.port, url: event.url }] : others;
}
