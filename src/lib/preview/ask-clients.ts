import { hostProjectOf } from './host-protocol';
import {
	isPreviewResponse,
	PREVIEW_REQUEST_TYPE,
	type PreviewRequestMessage,
	type PreviewResponseMessage
} from './protocol';

/** The part of a service worker `Client` the preview uses (a fake one in tests). */
export interface PreviewClient {
	readonly url: string;
	postMessage(message: unknown, transfer: Transferable[]): void;
}

/** What the worker learned about one file, once the tabs answered (or did not). */
export type PreviewAnswer =
	| { readonly status: 200; readonly body: Uint8Array }
	| { readonly status: 404 }
	| { readonly status: 500; readonly message: string }
	/** No tab has the project open (every tab said so, or there is no tab). */
	| { readonly status: 503 }
	/** No tab answered in time. */
	| { readonly status: 504 };

/**
 * The clients to ask: the host pages (the preview origin's bootstrap frames that IDE tabs embed)
 * of the project's tabs, else every host page (a tab showing another project answers 421 at once).
 * Preview pages themselves are never asked: they are the project's own, untrusted code.
 */
export function pickClients<T extends PreviewClient>(
	clients: readonly T[],
	projectId: string
): T[] {
	const hosts = clients.filter((client) => hostProjectOf(client.url) !== null);
	const matched = hosts.filter((client) => hostProjectOf(client.url) === projectId);
	return matched.length > 0 ? matched : hosts;
}

let counter = 0;
function nextId(): string {
	counter += 1;
	return `${Date.now().toString(36)}-${counter}`;
}

/**
 * Asks every client for one file at once. The first 200 wins; when all have answered without
 * one, the most telling answer (404, then 500, then "not open") wins; after `timeoutMs` a 404
 * already seen still counts, else 504.
 */
export function askClients(
	clients: readonly PreviewClient[],
	request: { projectId: string; path: string },
	timeoutMs: number
): Promise<PreviewAnswer> {
	if (clients.length === 0) return Promise.resolve({ status: 503 });

	return new Promise<PreviewAnswer>((resolve) => {
		const id = nextId();
		const message: PreviewRequestMessage = { type: PREVIEW_REQUEST_TYPE, id, ...request };
		const ports: MessagePort[] = [];
		const replies: PreviewResponseMessage[] = [];
		let silent = clients.length;
		let settled = false;

		const settle = (answer: PreviewAnswer) => {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			for (const port of ports) port.close();
			resolve(answer);
		};

		const conclude = (timedOut: boolean) => {
			const notFound = replies.some((reply) => reply.status === 404);
			if (notFound) return settle({ status: 404 });
			const failure = replies.find((reply) => reply.status === 500);
			if (failure?.status === 500) return settle({ status: 500, message: failure.message });
			settle(timedOut ? { status: 504 } : { status: 503 });
		};

		const onReply = (reply: PreviewResponseMessage) => {
			if (reply.status === 200) return settle({ status: 200, body: reply.body });
			replies.push(reply);
			silent -= 1;
			if (silent === 0) conclude(false);
		};

		const timer = setTimeout(() => conclude(true), timeoutMs);

		for (const client of clients) {
			const channel = new MessageChannel();
			ports.push(channel.port1);
			channel.port1.onmessage = (event: MessageEvent) => {
				if (isPreviewResponse(event.data) && event.data.id === id) onReply(event.data);
			};
			try {
				client.postMessage(message, [channel.port2]);
			} catch {
				// A tab that is going away cannot be asked; it is as good as "not open here".
				onReply({ type: 'kiln:preview-response', id, status: 421 });
			}
		}
	});
}
