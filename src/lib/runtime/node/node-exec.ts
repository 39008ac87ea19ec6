/**
 * exec with real processes: `bash -c` in its own process group, so a timeout or abort stops
 * the command and everything it started (SIGTERM, then SIGKILL if it lingers), even what it left
 * running after bash itself exited (`server &`).
 */
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { StringDecoder } from 'node:string_decoder';
import { BoundedOutput } from '../bounded-output';
import { withSafeGit } from './git-env';
import { EXIT_ABORTED, EXIT_TIMEOUT, type ExecOptions, type ExecResult } from '../types';

/** How long a process group gets after SIGTERM before SIGKILL. */
const KILL_GRACE_MS = 2000;

export interface ProcessOptions extends Omit<ExecOptions, 'cwd'> {
	/** Absolute working directory. */
	cwd: string;
	/** Sees every chunk of output too (preview detection). */
	onChunk?: (chunk: string) => void;
}

export interface RunningProcess {
	result: Promise<ExecResult>;
	/** Stops the process group as an abort would. */
	stop(): void;
}

export function runProcess(command: string, options: ProcessOptions): RunningProcess {
	const { signal, timeoutMs, onOutput, onChunk } = options;
	const child = spawn('bash', ['-c', command], {
		cwd: options.cwd,
		env: withSafeGit({ ...process.env, ...options.env }),
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe']
	});

	// Bounded while it streams: `yes` must not fill memory before the timeout stops it.
	const output = new BoundedOutput();
	let stoppedBy: 'timeout' | 'abort' | undefined;
	let settled = false;
	/** No process is left in the group: its id may be reused, so it is never signalled again. */
	let groupGone = false;

	const signalGroup = (name: NodeJS.Signals) => {
		if (child.pid === undefined || groupGone) return;
		try {
			process.kill(-child.pid, name);
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code === 'ESRCH') groupGone = true;
		}
	};

	// Once bash exited, what it started in the background is still in its group (and may hold
	// its pipes, so the result waits for it): a stop signals the group whether bash is there or not.
	const stop = (reason: 'timeout' | 'abort') => {
		if (stoppedBy || settled) return;
		stoppedBy = reason;
		signalGroup('SIGTERM');
		// Not cleared when the result comes: bash may die of SIGTERM while a child that ignores
		// it lives on.
		setTimeout(() => {
			signalGroup('SIGKILL');
			// What still holds the pipes left the group (setsid): the result does not wait for it.
			child.stdout.destroy();
			child.stderr.destroy();
		}, KILL_GRACE_MS);
	};

	const append = (chunk: string) => {
		if (chunk === '') return;
		output.append(chunk);
		onChunk?.(chunk);
		onOutput?.(chunk);
	};
	for (const stream of [child.stdout, child.stderr]) {
		// A decoder per stream: a multi-byte character may be split between two reads.
		const decoder = new StringDecoder('utf8');
		stream.on('data', (data: Buffer) => append(decoder.write(data)));
		stream.on('end', () => append(decoder.end()));
	}

	const onAbort = () => stop('abort');
	signal?.addEventListener('abort', onAbort, { once: true });
	const timer =
		timeoutMs === undefined ? undefined : setTimeout(() => stop('timeout'), Math.max(0, timeoutMs));

	const result = new Promise<ExecResult>((resolve) => {
		const finish = (exitCode: number) => {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			signal?.removeEventListener('abort', onAbort);
			resolve({
				exitCode:
					stoppedBy === 'timeout' ? EXIT_TIMEOUT : stoppedBy === 'abort' ? EXIT_ABORTED : exitCode,
				output: output.text,
				omittedBytes: output.omittedBytes,
				timedOut: stoppedBy === 'timeout',
				aborted: stoppedBy === 'abort'
			});
		};
		child.on('error', (error) => {
			append(`Could not start bash: ${error.message}. Is bash installed and on PATH?\n`);
			finish(127);
		});
		// 'close' comes after the output streams are drained, so no output is lost.
		child.on('close', (code, signalName) =>
			finish(code ?? 128 + (signalName ? constants.signals[signalName] : 0))
		);
	});

	return { result, stop: () => stop('abort') };
}
