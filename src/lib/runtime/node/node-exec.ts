/**
 * exec with real processes: `bash -c` in its own process group, so a timeout or abort stops
 * the command and everything it started (SIGTERM, then SIGKILL if it lingers).
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
	let killTimer: ReturnType<typeof setTimeout> | undefined;
	let exited = false;

	const signalGroup = (name: NodeJS.Signals) => {
		if (child.pid === undefined) return;
		try {
			process.kill(-child.pid, name);
		} catch {
			// The group is already gone.
		}
	};

	const stop = (reason: 'timeout' | 'abort') => {
		if (stoppedBy || exited) return;
		stoppedBy = reason;
		signalGroup('SIGTERM');
		killTimer = setTimeout(() => signalGroup('SIGKILL'), KILL_GRACE_MS);
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
		let settled = false;
		const finish = (exitCode: number) => {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			clearTimeout(killTimer);
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
			exited = true;
			append(`Could not start bash: ${error.message}. Is bash installed and on PATH?\n`);
			finish(127);
		});
		child.on('exit', () => {
			exited = true;
			// A stopped command's leftovers may keep its pipes open; do not wait for them.
			if (stoppedBy) {
				child.stdout.destroy();
				child.stderr.destroy();
			}
		});
		// 'close' comes after the output streams are drained, so no output is lost.
		child.on('close', (code, signalName) =>
			finish(code ?? 128 + (signalName ? constants.signals[signalName] : 0))
		);
	});

	return { result, stop: () => stop('abort') };
}
