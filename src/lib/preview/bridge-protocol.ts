/**
 * What the bridge script in a preview page and the IDE say to each other over postMessage,
 * besides the page's location (bridge.ts). The page is the project's code, so everything it
 * sends is checked on arrival (bridge-messages.ts); this file holds only shapes and limits,
 * because the bridge itself imports it and must stay small.
 */

/** Page → IDE: one thing the page reported (console, error, failed request, navigation). */
export const PREVIEW_LOG_TYPE = 'kiln:preview-log';
/** IDE → page: a command (screenshot, snapshot) with a request id. */
export const PREVIEW_COMMAND_TYPE = 'kiln:preview-command';
/** Page → IDE: the answer to one command, by its id. */
export const PREVIEW_REPLY_TYPE = 'kiln:preview-reply';

/** The lazily loaded scripts, beside the bridge on the preview origin. */
export const SCREENSHOT_SCRIPT_PATH = '/__kiln/screenshot.js';
export const SNAPSHOT_SCRIPT_PATH = '/__kiln/snapshot.js';
/** Where those scripts put their entry points (an IIFE bundle has no exports). */
export const SCREENSHOT_GLOBAL = '__kilnScreenshot';
export const SNAPSHOT_GLOBAL = '__kilnSnapshot';
/**
 * Set before the bridge runs where it is not loaded from the preview origin (WebContainer's
 * preview script is inline): the origin its lazy scripts come from.
 */
export const BRIDGE_BASE_GLOBAL = '__kilnBridgeBase';

/** Bounds the bridge keeps, and the IDE enforces again. */
export const LOG_TEXT_MAX_CHARS = 2000;
export const LOG_STACK_MAX_CHARS = 4000;
export const LOG_URL_MAX_CHARS = 2000;

export type BridgeLogKind = 'console' | 'error' | 'rejection' | 'request-failed' | 'navigation';
export type BridgeLogLevel = 'error' | 'warn' | 'info' | 'log' | 'debug';

/** A report as the page sends it: positions are URLs, the IDE maps them to project paths. */
export interface BridgeLogEntry {
	readonly kind: BridgeLogKind;
	readonly level: BridgeLogLevel;
	readonly text: string;
	readonly stack?: string;
	/** Where it came from (a script URL, 1-based line and column). */
	readonly sourceUrl?: string;
	readonly line?: number;
	readonly column?: number;
	/** request-failed: the URL asked for; navigation: the new address. */
	readonly url?: string;
	/** request-failed: HTTP status, 0 for a network error. */
	readonly status?: number;
}

export interface PreviewLogMessage {
	readonly type: typeof PREVIEW_LOG_TYPE;
	readonly entry: BridgeLogEntry;
}

export interface ScreenshotCommand {
	readonly command: 'screenshot';
	readonly maxWidth: number;
	readonly maxTokens: number;
}

export interface SnapshotCommand {
	readonly command: 'snapshot';
	readonly maxChars: number;
}

export type PreviewCommand = ScreenshotCommand | SnapshotCommand;

export type PreviewCommandMessage = PreviewCommand & {
	readonly type: typeof PREVIEW_COMMAND_TYPE;
	readonly id: string;
};

/** A screenshot as a data: URL (PNG), or a snapshot's text. */
export type PreviewReplyMessage =
	| {
			readonly type: typeof PREVIEW_REPLY_TYPE;
			readonly id: string;
			readonly ok: true;
			readonly value: string;
	  }
	| {
			readonly type: typeof PREVIEW_REPLY_TYPE;
			readonly id: string;
			readonly ok: false;
			readonly error: string;
	  };

/** Anthropic's estimate of an image's input tokens. */
export function imageTokens(width: number, height: number): number {
	return Math.ceil((width * height) / 750);
}

/**
 * The scale (≤ 1) that fits a page of `width`×`height` CSS px into `maxWidth` and `maxTokens`.
 * Rounding the result to whole pixels may add a pixel: callers floor the size.
 */
export function screenshotScale(
	width: number,
	height: number,
	maxWidth: number,
	maxTokens: number
): number {
	if (width <= 0 || height <= 0) return 1;
	const byWidth = maxWidth / width;
	const byTokens = Math.sqrt((maxTokens * 750) / (width * height));
	return Math.min(1, byWidth, byTokens);
}
