import {
	createLimiter,
	isPreviewLocation,
	parsePngDataUrl,
	parsePreviewLog,
	parsePreviewReply,
	PREVIEW_COMMAND_TYPE,
	imageTokens,
	isInsidePreview,
	type PreviewCommand,
	type PreviewReply
} from '$lib/preview';
import type { PreviewLogEntry, PreviewPort, ToolImage } from '$lib/tools';
import type { PreviewConsole } from './preview-console.svelte';
import { toLogEntry } from './preview-entries';
import { abortError, delay, until } from './preview-waits';

/** How long a page must stay quiet after loading before it counts as settled. */
export const PREVIEW_QUIET_MS = 300;
export const PREVIEW_DEFAULT_WAIT_MS = 5000;
export const PREVIEW_MAX_WAIT_MS = 30_000;
const SCREENSHOT_TIMEOUT_MS = 20_000;
const SNAPSHOT_TIMEOUT_MS = 10_000;
/**
 * Reports taken per second (after a burst). The bridge keeps below this on its own; a page that
 * posts without it (the page is the project's code) is cut off here instead.
 */
export const PREVIEW_REPORTS_PER_SECOND = 100;
const PREVIEW_REPORT_BURST = 400;

/** The preview frame as the Preview component lends it (while it shows a bridged page). */
export interface PreviewFrame {
	readonly element: HTMLIFrameElement;
	/** The preview's root: `<preview origin>/preview/<id>/` or a dev server's origin. */
	readonly root: URL;
	/** Shows `href` in the frame the way the address bar does (so the bar follows). */
	navigate(href: string): void;
}

type MessageTarget = Pick<Window, 'addEventListener' | 'removeEventListener'>;

/**
 * The IDE's end of the preview bridge for one open project: it takes the reports of the page in
 * the preview frame (only from that frame and the preview's origin, checked and bounded) into
 * the project's PreviewConsole, and drives the frame for the agent's preview tool (PreviewPort).
 * Operations run one at a time: two preview calls of one step must not reload under each other.
 */
export class PreviewChannel implements PreviewPort {
	readonly #console: PreviewConsole;
	readonly #events: MessageTarget | undefined;
	#frame: PreviewFrame | null = null;
	#location: string | null = null;
	#lastActivity = 0;
	#frameListeners = new Set<() => void>();
	#activityListeners = new Set<() => void>();
	#pending = new Map<string, (reply: PreviewReply) => void>();
	#queue: Promise<unknown> = Promise.resolve();
	#limiter = createLimiter({ burst: PREVIEW_REPORT_BURST, perSecond: PREVIEW_REPORTS_PER_SECOND });

	constructor(previewConsole: PreviewConsole, options: { events?: MessageTarget } = {}) {
		this.#console = previewConsole;
		this.#events = options.events ?? (typeof window === 'undefined' ? undefined : window);
	}

	/** The Preview component lends its frame; returns the detach. */
	attach(frame: PreviewFrame): () => void {
		this.#frame = frame;
		this.#location = null;
		const onMessage = (event: MessageEvent) => this.receive(event);
		const onLoad = () => this.#touch();
		this.#events?.addEventListener('message', onMessage);
		frame.element.addEventListener('load', onLoad);
		for (const listener of [...this.#frameListeners]) listener();
		return () => {
			this.#events?.removeEventListener('message', onMessage);
			frame.element.removeEventListener('load', onLoad);
			if (this.#frame === frame) this.#frame = null;
		};
	}

	/** One message posted to the IDE's window: used only when it is the preview page's own. */
	receive(event: Pick<MessageEvent, 'source' | 'origin' | 'data'>): void {
		const frame = this.#frame;
		if (!frame || event.source === null || event.source !== frame.element.contentWindow) return;
		if (event.origin !== frame.root.origin) return;
		if (isPreviewLocation(event.data)) {
			if (event.data.href.startsWith(frame.root.href)) this.#location = event.data.href;
			return;
		}
		const entry = parsePreviewLog(event.data);
		if (entry) {
			if (!this.#limiter.take(Date.now())) return;
			this.#console.add(toLogEntry(entry, frame.root, Date.now()));
			this.#touch();
			return;
		}
		const reply = parsePreviewReply(event.data);
		if (reply) this.#pending.get(reply.id)?.(reply);
	}

	load(
		path: string | undefined,
		options: { readonly waitMs?: number; readonly signal: AbortSignal }
	): Promise<{ readonly url: string; readonly entries: readonly PreviewLogEntry[] }> {
		return this.#exclusive(async () => {
			const waitMs = Math.min(
				Math.max(options.waitMs ?? PREVIEW_DEFAULT_WAIT_MS, 0),
				PREVIEW_MAX_WAIT_MS
			);
			const deadline = Date.now() + waitMs;
			const frame = await this.#awaitFrame(deadline, options.signal);
			const href =
				path === undefined ? (this.#location ?? frame.root.href) : hrefInside(path, frame.root);
			const position = this.#console.position;
			const loaded = until(
				(done) => {
					frame.element.addEventListener('load', done);
					return () => frame.element.removeEventListener('load', done);
				},
				deadline,
				options.signal
			);
			// A reload drops the #fragment: with one, the same URL only scrolls and never loads.
			frame.navigate(href.split('#')[0] as string);
			await loaded;
			await this.#settle(deadline, options.signal);
			return { url: href, entries: this.#console.since(position) };
		});
	}

	screenshot(options: {
		readonly maxWidth: number;
		readonly maxTokens: number;
		readonly signal: AbortSignal;
	}): Promise<ToolImage> {
		return this.#exclusive(async () => {
			const value = await this.#command(
				{ command: 'screenshot', maxWidth: options.maxWidth, maxTokens: options.maxTokens },
				SCREENSHOT_TIMEOUT_MS,
				options.signal
			);
			const png = parsePngDataUrl(value);
			if (!png)
				throw new Error(
					'The preview page answered the screenshot with something that is not a PNG.'
				);
			// The page is the project's code: its image is believed only within what was asked.
			if (
				png.width > options.maxWidth ||
				imageTokens(png.width, png.height) > options.maxTokens * 1.02 + 1
			) {
				throw new Error(
					`The preview page returned a ${png.width}×${png.height} image, larger than asked.`
				);
			}
			return { mediaType: 'image/png', data: png.data, width: png.width, height: png.height };
		});
	}

	snapshot(options: { readonly maxChars: number; readonly signal: AbortSignal }): Promise<string> {
		return this.#exclusive(async () => {
			const value = await this.#command(
				{ command: 'snapshot', maxChars: options.maxChars },
				SNAPSHOT_TIMEOUT_MS,
				options.signal
			);
			return value.slice(0, options.maxChars);
		});
	}

	#exclusive<T>(operation: () => Promise<T>): Promise<T> {
		const run = this.#queue.then(operation, operation);
		this.#queue = run.catch(() => undefined);
		return run;
	}

	#touch() {
		this.#lastActivity = Date.now();
		for (const listener of [...this.#activityListeners]) listener();
	}

	/** The frame, waiting a little for one: right after the agent writes index.html it is still coming. */
	async #awaitFrame(deadline: number, signal: AbortSignal): Promise<PreviewFrame> {
		if (!this.#frame) {
			await until(
				(done) => {
					this.#frameListeners.add(done);
					return () => this.#frameListeners.delete(done);
				},
				Math.min(deadline, Date.now() + 2000),
				signal
			);
		}
		if (!this.#frame) {
			throw new Error(
				'No preview is showing: the project has no index.html and no dev server runs (or the Preview pane is closed, or the preview shows in a sandbox without scripts). Add an index.html or start the dev server, then try again.'
			);
		}
		return this.#frame;
	}

	/** Waits until nothing was reported for PREVIEW_QUIET_MS, or the deadline. */
	async #settle(deadline: number, signal: AbortSignal) {
		for (;;) {
			const quietFor = Date.now() - this.#lastActivity;
			const left = deadline - Date.now();
			if (quietFor >= PREVIEW_QUIET_MS || left <= 0) return;
			await delay(Math.min(PREVIEW_QUIET_MS - quietFor, left), signal);
		}
	}

	async #command(command: PreviewCommand, timeoutMs: number, signal: AbortSignal): Promise<string> {
		const frame = this.#frame;
		const target = frame?.element.contentWindow;
		if (!frame || !target) throw new Error('No preview is showing.');
		const id = crypto.randomUUID();
		let reply: PreviewReply | undefined;
		const answered = until(
			(done) => {
				this.#pending.set(id, (value) => {
					reply = value;
					done();
				});
				return () => this.#pending.delete(id);
			},
			Date.now() + timeoutMs,
			signal
		);
		target.postMessage({ type: PREVIEW_COMMAND_TYPE, id, ...command }, frame.root.origin);
		if (!(await answered) || !reply) {
			if (signal.aborted) throw abortError(signal);
			throw new Error(
				`The preview page did not answer the ${command.command} within ${timeoutMs / 1000} s (its bridge script may not run there: is it a page of the project?).`
			);
		}
		if (!reply.ok)
			throw new Error(`The preview page could not take the ${command.command}: ${reply.error}`);
		return reply.value;
	}
}

/** The URL of a project path inside the preview; nothing may climb out of its root. */
export function hrefInside(path: string, root: URL): string {
	const url = new URL(path.trim().replace(/^\/+/, ''), root);
	if (!isInsidePreview(url, root)) return root.href;
	return url.href;
}
