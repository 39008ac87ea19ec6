import {
	PREVIEW_COMMAND_TYPE,
	PREVIEW_REPLY_TYPE,
	SCREENSHOT_GLOBAL,
	SCREENSHOT_SCRIPT_PATH,
	SNAPSHOT_GLOBAL,
	SNAPSHOT_SCRIPT_PATH,
	type PreviewCommand,
	type PreviewCommandMessage,
	type PreviewReplyMessage
} from '../bridge-protocol';

type Screenshot = (options: { maxWidth: number; maxTokens: number }) => Promise<string>;
type Snapshot = (root: Element, maxChars: number) => string;

let screenshotsRunning = 0;

/**
 * Whether a screenshot is being drawn: the library fetches the page's images and fonts again,
 * and a missing one must not be reported twice as the page's own failed request.
 */
export function drawingScreenshot(): boolean {
	return screenshotsRunning > 0;
}

/**
 * Answers the IDE's commands (screenshot, snapshot). Only the embedding window is listened to,
 * and the answer goes back to the origin it came from. The libraries that do the work are
 * loaded from the preview origin on first use, so they cost a page nothing until then.
 */
export function answerCommands(assetBase: string): void {
	window.addEventListener('message', (event) => {
		if (event.source !== window.parent || window.parent === window) return;
		const message = commandOf(event.data);
		if (!message) return;
		const reply = (answer: { ok: true; value: string } | { ok: false; error: string }) => {
			const data: PreviewReplyMessage = { type: PREVIEW_REPLY_TYPE, id: message.id, ...answer };
			window.parent.postMessage(data, event.origin);
		};
		run(message, assetBase).then(
			(value) => reply({ ok: true, value }),
			(error: unknown) =>
				reply({ ok: false, error: error instanceof Error ? error.message : String(error) })
		);
	});
}

function commandOf(data: unknown): PreviewCommandMessage | null {
	if (typeof data !== 'object' || data === null) return null;
	const message = data as Record<string, unknown>;
	if (message.type !== PREVIEW_COMMAND_TYPE || typeof message.id !== 'string') return null;
	if (
		message.command === 'screenshot' &&
		typeof message.maxWidth === 'number' &&
		typeof message.maxTokens === 'number'
	) {
		return message as unknown as PreviewCommandMessage;
	}
	if (message.command === 'snapshot' && typeof message.maxChars === 'number') {
		return message as unknown as PreviewCommandMessage;
	}
	return null;
}

async function run(command: PreviewCommand, assetBase: string): Promise<string> {
	if (command.command === 'screenshot') {
		screenshotsRunning++;
		try {
			const screenshot = await loadGlobal<Screenshot>(
				new URL(SCREENSHOT_SCRIPT_PATH, assetBase).href,
				SCREENSHOT_GLOBAL
			);
			return await screenshot({ maxWidth: command.maxWidth, maxTokens: command.maxTokens });
		} finally {
			screenshotsRunning--;
		}
	}
	const snapshot = await loadGlobal<Snapshot>(
		new URL(SNAPSHOT_SCRIPT_PATH, assetBase).href,
		SNAPSHOT_GLOBAL
	);
	return snapshot(document.body ?? document.documentElement, command.maxChars);
}

const loading = new Map<string, Promise<unknown>>();

/** Runs a classic script once and returns what it left on `globalName`. */
function loadGlobal<T>(src: string, globalName: string): Promise<T> {
	const globals = window as unknown as Record<string, unknown>;
	let promise = loading.get(src);
	if (!promise) {
		promise = new Promise((resolve, reject) => {
			const script = document.createElement('script');
			script.src = src;
			script.onload = () => {
				script.remove();
				const value = globals[globalName];
				if (typeof value === 'function') resolve(value);
				else reject(new Error(`${src} loaded but did not set up ${globalName}.`));
			};
			script.onerror = () => {
				script.remove();
				loading.delete(src);
				reject(
					new Error(
						`Could not load ${src} into the page (a Content-Security-Policy of the page may block it).`
					)
				);
			};
			(document.head ?? document.documentElement).appendChild(script);
		});
		loading.set(src, promise);
	}
	return promise as Promise<T>;
}
