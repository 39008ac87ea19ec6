import { getPreset } from './presets';
import { ProviderError } from './provider-error';
import type { ProviderId } from './types';

/** What an SDK error tells us, stripped of SDK types so both adapters share one mapping. */
export interface HttpFailure {
	status?: number;
	headers?: Headers;
	/** `error.type` (Anthropic) or `error.type` / `error.code` (OpenAI-style). */
	type?: string | null;
	code?: string | number | null;
	/** The API's own explanation, if it gave one. */
	apiMessage?: string | null;
}

/**
 * Where the person fixes a setting, in the words of the front end they use: the app's Settings
 * dialog by default; the CLI passes its options and variables.
 */
export interface FixWording {
	/** e.g. "check the API key in Settings" */
	key: string;
	keyAndModel: string;
	modelAndBaseUrl: string;
	baseUrl: string;
}

export const SETTINGS_WORDING: FixWording = {
	key: 'the API key in Settings',
	keyAndModel: 'the key and model in Settings',
	modelAndBaseUrl: 'the Model and Base URL in Settings',
	baseUrl: 'the Base URL in Settings'
};

const CONTEXT_OVERFLOW_PATTERN =
	/prompt is too long|context[_ ]length|context window|maximum context|too many tokens|exceeds? (?:the )?(?:model'?s? )?(?:max(?:imum)? )?context|input length and `?max_tokens`? exceed/i;

/** Maps an HTTP status or a mid-stream error type to a ProviderError with advice. */
export function classifyHttpFailure(
	failure: HttpFailure,
	provider: ProviderId,
	wording: FixWording = SETTINGS_WORDING
): ProviderError {
	const label = getPreset(provider).label;
	const retryAfterMs = failure.headers ? parseRetryAfter(failure.headers) : undefined;
	const detail = failure.apiMessage?.trim();
	const said = detail ? ` ${label} said: “${detail}”` : '';
	const numericCode = typeof failure.code === 'number' ? failure.code : undefined;
	const status = failure.status ?? numericCode;
	const type = failure.type ?? (typeof failure.code === 'string' ? failure.code : undefined);
	const base = { status: failure.status, retryAfterMs, provider };

	if (
		type === 'context_length_exceeded' ||
		type === 'request_too_large' ||
		status === 413 ||
		(detail !== undefined && CONTEXT_OVERFLOW_PATTERN.test(detail))
	) {
		return new ProviderError(
			'context_overflow',
			`The conversation is too long for this model’s context window.${said} Compact or clear the conversation, or pick a model with a larger context.`,
			base
		);
	}
	if (type === 'insufficient_quota' || status === 402 || type === 'billing_error') {
		return new ProviderError(
			'auth',
			`${label} refused the request because the account has no credit or quota left.${said} Check billing for this key, or change ${wording.key}.`,
			{ ...base, retryable: false }
		);
	}
	if (type === 'overloaded_error' || status === 529) {
		return new ProviderError(
			'overloaded',
			`${label} is overloaded right now.${said} If it keeps happening, try again in a few minutes.`,
			base
		);
	}
	if (type === 'rate_limit_error' || type === 'rate_limit_exceeded' || status === 429) {
		const wait = retryAfterMs !== undefined ? ` It asked to wait ${formatWait(retryAfterMs)}.` : '';
		return new ProviderError(
			'rate_limit',
			`${label} rate-limited this key.${wait}${said} If it keeps happening, wait a minute or raise the key’s limits.`,
			base
		);
	}
	if (type === 'authentication_error' || status === 401) {
		return new ProviderError(
			'auth',
			`The API key was refused by ${label} (401) — check ${wording.key}.${said}`,
			base
		);
	}
	if (type === 'permission_error' || status === 403) {
		return new ProviderError(
			'auth',
			`${label} denied access (403): this key may not be allowed to use this model or endpoint — check ${wording.keyAndModel}.${said}`,
			base
		);
	}
	if (type === 'not_found_error' || status === 404) {
		return new ProviderError(
			'bad_request',
			`${label} did not find the model or endpoint (404) — check ${wording.modelAndBaseUrl}.${said}`,
			base
		);
	}
	if (type === 'timeout_error' || status === 408) {
		return new ProviderError(
			'network',
			`The request to ${label} timed out.${said} If it keeps happening, check your connection.`,
			base
		);
	}
	if (type === 'api_error' || (status !== undefined && (status >= 500 || status === 409))) {
		return new ProviderError(
			'server',
			`${label} had an internal error${status ? ` (${status})` : ''}.${said} If it keeps happening, try again later.`,
			base
		);
	}
	if (status !== undefined && status >= 400) {
		return new ProviderError(
			'bad_request',
			`${label} rejected the request (${status}).${said} Check the model and settings; if it persists, report it as a Kiln bug.`,
			base
		);
	}
	if (type === 'invalid_request_error') {
		return new ProviderError(
			'bad_request',
			`${label} rejected the request.${said} Check the model and settings; if it persists, report it as a Kiln bug.`,
			base
		);
	}
	return new ProviderError(
		'server',
		`${label} reported an error${type ? ` (${type})` : ''}.${said} If it keeps happening, try again later.`,
		base
	);
}

/**
 * The connection failed. Before the response headers, the server could not be reached (in a
 * browser, CORS looks exactly like that); once it had answered, the connection dropped.
 */
export function networkError(
	provider: ProviderId,
	baseUrl: string,
	{
		cause,
		phase = 'connect',
		wording = SETTINGS_WORDING
	}: { cause?: unknown; phase?: 'connect' | 'stream'; wording?: FixWording } = {}
): ProviderError {
	const preset = getPreset(provider);
	if (phase === 'stream') {
		return new ProviderError(
			'network',
			`The connection to ${preset.label} dropped while the answer was streaming. If it keeps happening, check your connection (a proxy or VPN may be cutting long responses).`,
			{ provider, cause }
		);
	}
	let message = `Could not reach ${preset.label} at ${baseUrl}. Check your connection and ${wording.baseUrl}.`;
	const origin = browserOrigin();
	if (origin !== undefined) {
		message += ` If the server is up, it may be blocking this page (CORS): ${preset.corsHint.replace('{origin}', origin)}`;
	}
	return new ProviderError('network', message, { provider, cause });
}

export function abortedError(provider?: ProviderId): ProviderError {
	return new ProviderError('aborted', 'Stopped: the request was cancelled.', { provider });
}

/** A stream that ended without its final event (a dropped connection or a broken server). */
export function truncatedStreamError(provider: ProviderId): ProviderError {
	const label = getPreset(provider).label;
	return new ProviderError(
		'network',
		`The answer from ${label} ended before it was complete (the connection closed early). If it keeps happening, check your connection, or the server if you run it yourself.`,
		{ provider }
	);
}

/** The stream stayed silent for `silenceMs` and was cut (see drive-stream.ts). */
export function idleTimeoutError(
	provider: ProviderId,
	silenceMs: number,
	phase: 'connect' | 'stream'
): ProviderError {
	const label = getPreset(provider).label;
	const where =
		phase === 'connect' ? 'it never started answering' : 'the answer stalled mid-stream';
	return new ProviderError(
		'timeout',
		`No data from ${label} for ${formatWait(silenceMs)} (${where}), so Kiln cut the request. If it keeps happening, check your connection or the provider’s status page.`,
		{ provider }
	);
}

/**
 * `retry-after-ms` (milliseconds), else `retry-after` as seconds or an HTTP date. Undefined
 * when absent, unparseable or already past.
 */
export function parseRetryAfter(headers: Headers, now: number = Date.now()): number | undefined {
	const ms = headers.get('retry-after-ms');
	if (ms !== null && ms.trim() !== '') {
		const value = Number(ms);
		if (Number.isFinite(value) && value >= 0) return Math.round(value);
	}
	const raw = headers.get('retry-after');
	if (raw === null || raw.trim() === '') return undefined;
	const seconds = Number(raw);
	if (Number.isFinite(seconds)) return seconds >= 0 ? Math.round(seconds * 1000) : undefined;
	const date = Date.parse(raw);
	if (Number.isNaN(date)) return undefined;
	return Math.max(0, date - now);
}

/** `300 ms`, `1 second`, `45 seconds`, `2 minutes`. */
export function formatWait(ms: number): string {
	if (ms < 1000) return `${Math.round(ms)} ms`;
	const seconds = Math.ceil(ms / 1000);
	if (seconds === 1) return '1 second';
	if (seconds < 120 || seconds % 60 !== 0) return `${seconds} seconds`;
	return `${seconds / 60} minutes`;
}

function browserOrigin(): string | undefined {
	const g = globalThis as { document?: unknown; location?: { origin?: string } };
	if (g.document === undefined) return undefined;
	return g.location?.origin ?? 'this page’s origin';
}
