import {
	HOST_CONFIG_PATH,
	HOST_FAILED_TYPE,
	HOST_READY_TYPE,
	PREVIEW_WORKER_PATH,
	isHostConnect,
	parseIdeOrigins
} from './host-protocol';
import { isPreviewRequest, PREVIEW_RESPONSE_TYPE } from './protocol';
import { messageOf } from '../errors';

/** What the host page uses of its window (a fake one in tests). */
export interface HostWindow {
	readonly parent: { postMessage(message: unknown, targetOrigin: string): void } | null;
	readonly location: { readonly origin: string; readonly ancestorOrigins?: ArrayLike<string> };
	addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
	fetch(url: string, init: RequestInit): Promise<Response>;
	readonly serviceWorker: HostWorkerContainer | undefined;
}

/** The part of `navigator.serviceWorker` the host uses. */
export interface HostWorkerContainer {
	register(url: string, options: RegistrationOptions): Promise<unknown>;
	readonly ready: Promise<unknown>;
	addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
	startMessages(): void;
}

async function loadIdeOrigins(win: HostWindow): Promise<string[]> {
	try {
		const response = await win.fetch(HOST_CONFIG_PATH, { cache: 'no-store' });
		return response.ok ? parseIdeOrigins(await response.json()) : [];
	} catch {
		return [];
	}
}

/**
 * The preview origin's bootstrap page: registers the preview worker, then relays the worker's
 * file requests to the IDE tab that embeds it (and that tab only: its origin must be listed in
 * the origin's config). Replies travel on the worker's own port, straight to the worker: the host
 * never sees a file, and nothing the IDE sends reaches it but that port.
 */
export async function startHostRelay(win: HostWindow): Promise<void> {
	const ideOrigins = await loadIdeOrigins(win);
	const parent = win.parent;
	// Chromium and Safari name the embedder; elsewhere post to each allowed origin (the browser
	// drops a message whose target origin does not match).
	const ancestor = win.location.ancestorOrigins?.[0];
	const targets = ancestor ? ideOrigins.filter((origin) => origin === ancestor) : ideOrigins;
	const tell = (message: unknown) => {
		for (const origin of targets) parent?.postMessage(message, origin);
	};

	let idePort: MessagePort | null = null;
	win.addEventListener('message', (event) => {
		if (event.source !== parent || !ideOrigins.includes(event.origin)) return;
		if (!isHostConnect(event.data) || !event.ports[0]) return;
		idePort?.close();
		idePort = event.ports[0];
	});

	const workers = win.serviceWorker;
	if (!workers) {
		tell({
			type: HOST_FAILED_TYPE,
			message:
				'This browser does not allow service workers on the preview origin (a private window, or a page not served over HTTPS), so the preview cannot run. Open Kiln in a normal window over HTTPS or on localhost.'
		});
		return;
	}
	workers.addEventListener('message', (event) => {
		if (event.origin !== '' && event.origin !== win.location.origin) return;
		const reply = event.ports[0];
		if (!isPreviewRequest(event.data) || !reply) return;
		if (idePort) idePort.postMessage(event.data, [reply]);
		// Not connected (yet): "not open here", so the worker asks elsewhere or says so at once.
		else reply.postMessage({ type: PREVIEW_RESPONSE_TYPE, id: event.data.id, status: 421 });
	});
	workers.startMessages();

	try {
		await workers.register(PREVIEW_WORKER_PATH, { scope: '/', updateViaCache: 'none' });
		await workers.ready;
	} catch (error) {
		const reason = messageOf(error);
		tell({
			type: HOST_FAILED_TYPE,
			message: `The preview worker could not be registered (${reason}). Reload the page to try again.`
		});
		return;
	}
	tell({ type: HOST_READY_TYPE });
}
