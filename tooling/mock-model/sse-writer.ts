import type { ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { encodeFrame, type SseFrame } from './sse-frame';

/** What happens to a stream after `afterChunks` frames have been written. */
export type StreamFault =
	| { kind: 'error-event'; afterChunks: number; frame: SseFrame }
	| { kind: 'drop'; afterChunks: number }
	| { kind: 'stall'; afterChunks: number }
	/** Silence for `ms`, then the rest of the stream as if nothing happened. */
	| { kind: 'pause'; afterChunks: number; ms: number; keepAliveMs?: number };

export interface StreamOptions {
	headers: Record<string, string>;
	chunkDelayMs: number;
	fault?: StreamFault | undefined;
}

/** Resolves once the bytes are handed to the socket, so a later destroy() cannot swallow them. */
function write(res: ServerResponse, text: string): Promise<boolean> {
	if (res.destroyed || res.writableEnded) return Promise.resolve(false);
	return new Promise((resolve) => res.write(text, (error) => resolve(!error)));
}

function closed(res: ServerResponse): Promise<void> {
	return new Promise((resolve) => {
		if (res.destroyed) resolve();
		else res.once('close', () => resolve());
	});
}

function drop(res: ServerResponse): void {
	// Destroying the socket (not ending the response) is what a client sees as a dropped connection.
	(res.socket ?? res).destroy();
}

/**
 * Writes an SSE response frame by frame. Faults with `afterChunks: 0` strike before the status
 * line, so a drop looks like a refused request and a stall like a server that never answers.
 */
export async function writeSseStream(
	res: ServerResponse,
	frames: SseFrame[],
	options: StreamOptions
): Promise<void> {
	const { fault } = options;
	const limit = fault ? Math.min(fault.afterChunks, frames.length) : frames.length;

	if (fault?.kind === 'pause' && fault.afterChunks === 0) {
		// Before the status line: the server is silent, then answers normally.
		if (await pauseUnlessClosed(res, fault.ms)) return;
	}
	if (fault && fault.afterChunks === 0 && fault.kind !== 'error-event' && fault.kind !== 'pause') {
		if (fault.kind === 'drop') drop(res);
		else await closed(res);
		return;
	}

	res.socket?.setNoDelay(true);
	res.writeHead(200, {
		...options.headers,
		'content-type': 'text/event-stream; charset=utf-8',
		'cache-control': 'no-cache',
		connection: 'keep-alive'
	});
	res.flushHeaders();

	for (const frame of frames.slice(0, limit)) {
		if (options.chunkDelayMs > 0) await sleep(options.chunkDelayMs);
		if (!(await write(res, encodeFrame(frame)))) return;
	}

	if (!fault) {
		res.end();
		return;
	}
	switch (fault.kind) {
		case 'error-event':
			if (await write(res, encodeFrame(fault.frame))) res.end();
			return;
		case 'drop':
			drop(res);
			return;
		case 'stall':
			// Keep the response open with nothing more to say until the client gives up.
			await closed(res);
			return;
		case 'pause':
			if (fault.afterChunks > 0) {
				const gone = fault.keepAliveMs
					? await pauseWithKeepAlives(res, fault.ms, fault.keepAliveMs)
					: await pauseUnlessClosed(res, fault.ms);
				if (gone) return;
			}
			for (const frame of frames.slice(limit)) {
				if (options.chunkDelayMs > 0) await sleep(options.chunkDelayMs);
				if (!(await write(res, encodeFrame(frame)))) return;
			}
			res.end();
			return;
	}
}

/** Like pauseUnlessClosed, writing an SSE comment every `every` ms: bytes, but no event. */
async function pauseWithKeepAlives(res: ServerResponse, ms: number, every: number) {
	const until = Date.now() + ms;
	while (Date.now() < until) {
		if (await pauseUnlessClosed(res, Math.min(every, until - Date.now()))) return true;
		if (!(await write(res, ': keep-alive\n\n'))) return true;
	}
	return false;
}

/** Waits `ms`; true when the client went away meanwhile (nothing more to write). */
async function pauseUnlessClosed(res: ServerResponse, ms: number): Promise<boolean> {
	const gone = closed(res).then(() => true);
	const waited = sleep(ms).then(() => false);
	return Promise.race([gone, waited]);
}
