import { formatValue } from './format';
import type { Report } from './reporter';
import { firstFrame, withoutFrames } from './stack';

/** The part of a window the error hooks use (a real window, or a test's stand-in). */
export interface ErrorTarget {
	addEventListener(type: string, listener: (event: Event) => void, capture?: boolean): void;
	readonly performance?: Pick<Performance, 'getEntriesByName'>;
}

/**
 * Uncaught errors, unhandled rejections, and subresources that failed to load. A <script>,
 * <link> or <img> that fails fires `error` on the element, which does not bubble: only a
 * capture-phase listener on the window sees it.
 */
export function hookErrors(
	target: ErrorTarget,
	report: Report,
	isBridge: (url: string) => boolean
): void {
	target.addEventListener(
		'error',
		(event) => {
			try {
				if (isErrorEvent(event)) reportError(event, report, isBridge);
				else reportFailedResource(event, target, report);
			} catch {
				// A report that fails to build is lost; the page goes on.
			}
		},
		true
	);
	target.addEventListener('unhandledrejection', (event) => {
		try {
			const reason = (event as PromiseRejectionEvent).reason as unknown;
			const stack = reason instanceof Error ? reason.stack : undefined;
			const at = firstFrame(stack, isBridge);
			report({
				kind: 'rejection',
				level: 'error',
				text: `Uncaught (in promise) ${formatValue(reason)}`,
				...(stack ? { stack: withoutFrames(stack, isBridge) } : {}),
				...(at ? { sourceUrl: at.url, line: at.line, column: at.column } : {})
			});
		} catch {
			// As above.
		}
	});
}

function isErrorEvent(event: Event): event is ErrorEvent {
	return 'message' in event && 'lineno' in event;
}

function reportError(event: ErrorEvent, report: Report, isBridge: (url: string) => boolean) {
	const error = event.error as unknown;
	const stack =
		error instanceof Error && error.stack ? withoutFrames(error.stack, isBridge) : undefined;
	report({
		kind: 'error',
		level: 'error',
		text: event.message || formatValue(error),
		...(stack ? { stack } : {}),
		...(event.filename
			? { sourceUrl: event.filename, line: event.lineno, column: event.colno }
			: {})
	});
}

const RESOURCE_TAGS: Record<string, string> = {
	SCRIPT: 'src',
	IMG: 'src',
	LINK: 'href',
	SOURCE: 'src',
	VIDEO: 'src',
	AUDIO: 'src'
};

function reportFailedResource(event: Event, target: ErrorTarget, report: Report) {
	const element = event.target as Element | null;
	const attribute = element?.tagName ? RESOURCE_TAGS[element.tagName] : undefined;
	if (!element || !attribute) return;
	const url = (element as unknown as Record<string, unknown>)[attribute];
	if (typeof url !== 'string' || url === '') return;
	const status = responseStatus(target, url);
	report({
		kind: 'request-failed',
		level: 'error',
		text: `Failed to load <${element.tagName.toLowerCase()}> ${url}${status ? ` (HTTP ${status})` : ''}`,
		url,
		status
	});
}

/** The HTTP status the browser recorded for `url` (Resource Timing), or 0 where none is known. */
function responseStatus(target: ErrorTarget, url: string): number {
	try {
		const entries = target.performance?.getEntriesByName(url) ?? [];
		const last = entries[entries.length - 1] as { responseStatus?: unknown } | undefined;
		return typeof last?.responseStatus === 'number' ? last.responseStatus : 0;
	} catch {
		return 0;
	}
}
