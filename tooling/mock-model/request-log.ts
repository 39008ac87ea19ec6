import type { IncomingHttpHeaders } from 'node:http';
import type { WireFormat } from './script-schema';

export interface RecordedApiKey {
	/** Whether a key was sent at all. */
	present: boolean;
	/** Which header carried it. */
	header: 'authorization' | 'x-api-key' | 'api-key' | null;
	/** The first four characters, enough to tell which key was used, never the key itself. */
	prefix: string | null;
}

export interface RecordedRequest {
	/** Arrival order, from 0. */
	seq: number;
	time: string;
	method: string;
	/** Path and query string as received. */
	path: string;
	format: WireFormat | null;
	/** Lower-case header names; credentials replaced by "[REDACTED]". */
	headers: Record<string, string>;
	apiKey: RecordedApiKey;
	/** The parsed JSON body, or null when there was none or it was not JSON. */
	body: unknown;
	/** The script turn that answered, or null (fault-free errors, models list, exhausted script). */
	turn: number | null;
}

export const REDACTED = '[REDACTED]';
const secretHeaders = new Set(['x-api-key', 'api-key', 'cookie', 'proxy-authorization']);

function keyPrefix(key: string): string | null {
	return key.length > 8 ? key.slice(0, 4) : null;
}

function describeKey(headers: IncomingHttpHeaders): RecordedApiKey {
	const authorization = headers.authorization;
	if (typeof authorization === 'string' && authorization !== '') {
		const key = authorization.replace(/^Bearer\s+/i, '');
		return { present: true, header: 'authorization', prefix: keyPrefix(key) };
	}
	for (const name of ['x-api-key', 'api-key'] as const) {
		const value = headers[name];
		if (typeof value === 'string' && value !== '') {
			return { present: true, header: name, prefix: keyPrefix(value) };
		}
	}
	return { present: false, header: null, prefix: null };
}

function redactHeaders(headers: IncomingHttpHeaders): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [name, value] of Object.entries(headers)) {
		if (value === undefined) continue;
		const text = Array.isArray(value) ? value.join(', ') : value;
		if (name === 'authorization') {
			const scheme = /^(\S+)\s/.exec(text)?.[1];
			out[name] = scheme ? `${scheme} ${REDACTED}` : REDACTED;
		} else {
			out[name] = secretHeaders.has(name) ? REDACTED : text;
		}
	}
	return out;
}

export function recordRequest(input: {
	seq: number;
	method: string;
	path: string;
	format: WireFormat | null;
	headers: IncomingHttpHeaders;
	body: unknown;
}): RecordedRequest {
	return {
		seq: input.seq,
		time: new Date().toISOString(),
		method: input.method,
		path: input.path,
		format: input.format,
		headers: redactHeaders(input.headers),
		apiKey: describeKey(input.headers),
		body: input.body,
		turn: null
	};
}
