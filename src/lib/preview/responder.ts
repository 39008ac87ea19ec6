import {
	isPreviewRequest,
	PREVIEW_RESPONSE_TYPE,
	type PreviewRequestMessage,
	type PreviewResponseMessage
} from './protocol';
import { messageOf } from '../errors';

/** The part of `navigator.serviceWorker` the responder uses (a fake one in tests). */
export interface MessageSource {
	addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
	removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
	startMessages?(): void;
}

export interface PreviewResponderOptions {
	projectId: string;
	/** A project file's bytes, or `null` when there is no such file (or it is a folder). */
	readFile: (path: string) => Promise<Uint8Array | null>;
	/** Defaults to `navigator.serviceWorker`. */
	source?: MessageSource;
}

async function answer(
	request: PreviewRequestMessage,
	options: PreviewResponderOptions
): Promise<PreviewResponseMessage> {
	const base = { type: PREVIEW_RESPONSE_TYPE, id: request.id } as const;
	if (request.projectId !== options.projectId) return { ...base, status: 421 };
	try {
		const body = await options.readFile(request.path);
		return body ? { ...base, status: 200, body } : { ...base, status: 404 };
	} catch (error) {
		return {
			...base,
			status: 500,
			message: messageOf(error)
		};
	}
}

/**
 * Lets the preview service worker read this tab's project files. Call it while the project is
 * open; the returned function stops answering. Tabs showing another project answer 421 so the
 * worker need not wait for them.
 */
export function installPreviewResponder(options: PreviewResponderOptions): () => void {
	const source: MessageSource | undefined =
		options.source ??
		(typeof navigator !== 'undefined' && 'serviceWorker' in navigator
			? navigator.serviceWorker
			: undefined);
	if (!source) return () => {};

	const listener = (event: MessageEvent) => {
		if (!isPreviewRequest(event.data)) return;
		const port = event.ports[0];
		if (!port) return;
		void answer(event.data, options).then((reply) => port.postMessage(reply));
	};
	source.addEventListener('message', listener);
	// Messages from a worker queue up until the page opts in; this is the opt-in.
	source.startMessages?.();
	return () => source.removeEventListener('message', listener);
}
