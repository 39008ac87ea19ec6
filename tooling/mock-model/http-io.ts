import type { IncomingMessage, ServerResponse } from 'node:http';
import { messageOf } from '../../src/lib/errors';

export type BodyResult = { ok: true; value: unknown } | { ok: false; reason: string };

/** Reads a request body as JSON; an empty body is null. */
export async function readJsonBody(req: IncomingMessage): Promise<BodyResult> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	const text = Buffer.concat(chunks).toString('utf8');
	if (text.trim() === '') return { ok: true, value: null };
	try {
		return { ok: true, value: JSON.parse(text) };
	} catch (error) {
		return { ok: false, reason: messageOf(error) };
	}
}

export function sendJson(
	res: ServerResponse,
	status: number,
	body: unknown,
	headers: Record<string, string> = {}
): void {
	const text = JSON.stringify(body);
	res.writeHead(status, {
		...headers,
		'content-type': 'application/json',
		'content-length': String(Buffer.byteLength(text))
	});
	res.end(text);
}
