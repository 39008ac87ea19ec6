import { hostPageUrl, HOST_CONNECT_TYPE, isHostFailed, isHostReady } from './host-protocol';
import { installPreviewResponder } from './responder';
import { PreviewUnavailableError } from './preview-error';

const HOST_TIMEOUT_MS = 15_000;

export interface HostBridgeOptions {
	previewOrigin: string;
	projectId: string;
	/** A project file's bytes, or `null` when there is no such file (or it is a folder). */
	readFile: (path: string) => Promise<Uint8Array | null>;
	timeoutMs?: number;
}

/**
 * Embeds the preview origin's host page in a hidden frame and, once it says it is ready, hands it
 * a MessagePort on which this tab answers its worker's file requests. Messages are taken only
 * from that frame and only from the preview origin; the port carries nothing but the files asked
 * for. Resolves with a function that tears the frame and the port down.
 */
export function connectPreviewHost(options: HostBridgeOptions): Promise<() => void> {
	const { previewOrigin, projectId } = options;
	const frame = document.createElement('iframe');
	frame.src = hostPageUrl(previewOrigin, projectId);
	frame.title = 'Preview host';
	frame.hidden = true;
	frame.setAttribute('aria-hidden', 'true');
	frame.tabIndex = -1;
	// The host never needs the IDE's origin; scripts and its own origin (for its worker) only.
	frame.setAttribute('sandbox', 'allow-scripts allow-same-origin');
	frame.setAttribute('allow', 'cross-origin-isolated');

	return new Promise((resolve, reject) => {
		let stopResponder = () => {};
		const teardown = () => {
			window.removeEventListener('message', onMessage);
			clearTimeout(timer);
			stopResponder();
			frame.remove();
		};
		const fail = (message: string) => {
			teardown();
			reject(new PreviewUnavailableError(message));
		};
		const timer = setTimeout(
			() =>
				fail(
					`The preview origin (${previewOrigin}) did not answer within ${Math.round((options.timeoutMs ?? HOST_TIMEOUT_MS) / 1000)} seconds. Check that it is running and that it lists this page's origin (${location.origin}) as its IDE, then reload.`
				),
			options.timeoutMs ?? HOST_TIMEOUT_MS
		);

		function onMessage(event: MessageEvent) {
			if (event.source !== frame.contentWindow || event.origin !== previewOrigin) return;
			if (isHostFailed(event.data)) return fail(event.data.message);
			if (!isHostReady(event.data)) return;
			clearTimeout(timer);
			window.removeEventListener('message', onMessage);
			const channel = new MessageChannel();
			stopResponder = installPreviewResponder({
				projectId,
				readFile: options.readFile,
				source: channel.port1
			});
			channel.port1.start();
			frame.contentWindow?.postMessage({ type: HOST_CONNECT_TYPE }, previewOrigin, [channel.port2]);
			resolve(() => {
				teardown();
				channel.port1.close();
			});
		}

		window.addEventListener('message', onMessage);
		document.body.append(frame);
	});
}
