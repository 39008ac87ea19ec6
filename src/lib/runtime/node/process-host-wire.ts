/**
 * A process host in another process, over a pair of streams carrying JSON lines: the client
 * sends `run` and `stop`, the server answers with `chunk`s of live output and one `result` per
 * command. When the client's stream ends (it exited, or crashed), the server stops every command
 * it started and exits: nothing is left running.
 */
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { ExecResult } from '../types';
import { runProcess, type ProcessOptions, type RunningProcess } from './node-exec';
import type { ProcessHost } from './process-host';

type ClientMessage =
	| {
			type: 'run';
			id: number;
			command: string;
			cwd: string;
			env?: Record<string, string>;
			timeoutMs?: number;
	  }
	| { type: 'stop'; id: number };

type ServerMessage =
	| { type: 'ready' }
	| { type: 'chunk'; id: number; text: string }
	| { type: 'result'; id: number; result: ExecResult };

/**
 * Live output is a courtesy (progress, preview URLs); the result carries what was kept. When the
 * client reads slower than a command prints, chunks are dropped rather than queued without bound.
 */
const MAX_QUEUED_BYTES = 1024 * 1024;

/** The server side: runs until `input` ends, then stops what runs and resolves. */
export function serveProcessHost(input: Readable, output: Writable): Promise<void> {
	const running = new Map<number, RunningProcess>();
	const send = (message: ServerMessage) => {
		if (output.writable) output.write(`${JSON.stringify(message)}\n`);
	};
	send({ type: 'ready' });

	const lines = createInterface({ input, crlfDelay: Infinity });
	lines.on('line', (line) => {
		let message: ClientMessage;
		try {
			message = JSON.parse(line) as ClientMessage;
		} catch {
			return;
		}
		if (message.type === 'stop') {
			running.get(message.id)?.stop();
			return;
		}
		if (message.type !== 'run' || running.has(message.id)) return;
		const { id } = message;
		const child = runProcess(message.command, {
			cwd: message.cwd,
			env: message.env,
			timeoutMs: message.timeoutMs,
			onChunk: (text) => {
				if (output.writableLength < MAX_QUEUED_BYTES) send({ type: 'chunk', id, text });
			}
		});
		running.set(id, child);
		void child.result.then((result) => {
			running.delete(id);
			send({ type: 'result', id, result });
		});
	});

	return new Promise((resolve) => {
		lines.on('close', () => {
			const left = [...running.values()];
			for (const child of left) child.stop();
			void Promise.all(left.map((child) => child.result)).then(() => resolve());
		});
	});
}

interface Pending {
	resolve(result: ExecResult): void;
	onChunk?: (text: string) => void;
	onOutput?: (text: string) => void;
}

/**
 * The client side over the host's stdin (`toHost`) and stdout (`fromHost`). Resolves once the
 * host said it is ready; rejects with what went wrong when it ends before that.
 */
export function connectProcessHost(
	toHost: Writable,
	fromHost: Readable,
	onClose: () => void = () => {}
): Promise<ProcessHost> {
	const pending = new Map<number, Pending>();
	let nextId = 1;
	let closed = false;

	return new Promise((resolveHost, rejectHost) => {
		let ready = false;
		const lines = createInterface({ input: fromHost, crlfDelay: Infinity });
		lines.on('line', (line) => {
			let message: ServerMessage;
			try {
				message = JSON.parse(line) as ServerMessage;
			} catch {
				return;
			}
			if (message.type === 'ready') {
				ready = true;
				resolveHost(host);
			} else if (message.type === 'chunk') {
				const entry = pending.get(message.id);
				entry?.onChunk?.(message.text);
				entry?.onOutput?.(message.text);
			} else if (message.type === 'result') {
				pending.get(message.id)?.resolve(message.result);
				pending.delete(message.id);
			}
		});
		lines.on('close', () => {
			closed = true;
			onClose();
			if (!ready) {
				rejectHost(new Error('The command host ended before it was ready.'));
				return;
			}
			for (const entry of pending.values()) entry.resolve(hostGone());
			pending.clear();
		});
		// A host that died leaves a broken pipe; its 'close' above answers what was pending.
		toHost.on('error', () => undefined);

		const host: ProcessHost = {
			run(command: string, options: ProcessOptions): RunningProcess {
				const id = nextId++;
				if (closed) return { result: Promise.resolve(hostGone()), stop() {} };
				const { signal } = options;
				const result = new Promise<ExecResult>((resolve) => {
					pending.set(id, { resolve, onChunk: options.onChunk, onOutput: options.onOutput });
				});
				toHost.write(
					`${JSON.stringify({
						type: 'run',
						id,
						command,
						cwd: options.cwd,
						env: options.env,
						timeoutMs: options.timeoutMs
					} satisfies ClientMessage)}\n`
				);
				const stop = () => {
					if (!closed) toHost.write(`${JSON.stringify({ type: 'stop', id })}\n`);
				};
				if (signal?.aborted) stop();
				else signal?.addEventListener('abort', stop, { once: true });
				void result.finally(() => signal?.removeEventListener('abort', stop));
				return { result, stop };
			},
			async dispose() {
				if (closed) return;
				const done = new Promise<void>((resolve) => lines.once('close', () => resolve()));
				toHost.end();
				await done;
			}
		};
	});
}

function hostGone(): ExecResult {
	const output =
		'The command host stopped unexpectedly, so the command did not finish. Run it again; if this repeats, restart kiln.\n';
	return { exitCode: 1, output, timedOut: false, aborted: false };
}
