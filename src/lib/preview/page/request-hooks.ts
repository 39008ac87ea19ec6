import type { Report } from './reporter';

/** The part of a window the request hooks wrap. */
export interface RequestTarget {
	fetch?: typeof fetch;
	XMLHttpRequest?: typeof XMLHttpRequest;
	readonly location: { readonly href: string };
}

/**
 * Reports requests that failed: an HTTP error status (≥ 400) or a network error (status 0).
 * Aborted requests are the page's own choice and are not reported. The page gets exactly the
 * response or error it would have got without the bridge.
 */
export function hookRequests(target: RequestTarget, report: Report): void {
	const base = () => target.location.href;
	const originalFetch = target.fetch;
	if (typeof originalFetch === 'function') {
		target.fetch = async function (this: unknown, input: RequestInfo | URL, init?: RequestInit) {
			const method = (
				init?.method ?? (input instanceof Request ? input.method : 'GET')
			).toUpperCase();
			const url = absolute(input instanceof Request ? input.url : String(input), base());
			try {
				const response = await originalFetch.call(this, input, init);
				if (response.status >= 400)
					failed(report, method, response.url || url, response.status, response.statusText);
				return response;
			} catch (error) {
				if (!(error instanceof DOMException && error.name === 'AbortError')) {
					failed(report, method, url, 0, error instanceof Error ? error.message : String(error));
				}
				throw error;
			}
		} as typeof fetch;
	}
	const Xhr = target.XMLHttpRequest;
	if (typeof Xhr === 'function') hookXhr(Xhr, report, base);
}

const requestInfo = new WeakMap<XMLHttpRequest, { method: string; url: string }>();

function hookXhr(Xhr: typeof XMLHttpRequest, report: Report, base: () => string) {
	const proto = Xhr.prototype;
	const open = proto.open as (this: XMLHttpRequest, ...args: unknown[]) => void;
	const send = proto.send as (this: XMLHttpRequest, body?: unknown) => void;
	proto.open = function (this: XMLHttpRequest, ...args: unknown[]) {
		requestInfo.set(this, {
			method: String(args[0]).toUpperCase(),
			url: absolute(String(args[1]), base())
		});
		return open.apply(this, args);
	} as typeof proto.open;
	proto.send = function (this: XMLHttpRequest, body?: unknown) {
		let aborted = false;
		this.addEventListener('abort', () => (aborted = true));
		this.addEventListener('loadend', () => {
			const info = requestInfo.get(this);
			if (!info || aborted) return;
			if (this.status === 0) failed(report, info.method, info.url, 0, 'network error');
			else if (this.status >= 400)
				failed(report, info.method, this.responseURL || info.url, this.status, this.statusText);
		});
		return send.call(this, body);
	} as typeof proto.send;
}

function failed(report: Report, method: string, url: string, status: number, detail: string) {
	report({
		kind: 'request-failed',
		level: 'error',
		text: `${method} ${url} → ${status === 0 ? `failed (${detail || 'network error'})` : `${status}${detail ? ` ${detail}` : ''}`}`,
		url,
		status
	});
}

function absolute(url: string, base: string): string {
	try {
		return new URL(url, base).href;
	} catch {
		return url;
	}
}
