/**
 * exec over just-bash. just-bash returns stdout and stderr only when a command ends, so
 * onOutput gets them then. It also keeps the two streams apart for the whole command line,
 * so `echo a; ls missing; echo b` would come back as "a b" and then the error: each command
 * line is rewritten so that a command whose output is the terminal's has its stderr joined to
 * its stdout, in order (interleave-stderr.ts). Its messages meant for embedders are put in the
 * terminal's words (bash-messages.ts). A timeout or abort goes to just-bash's own signal (its
 * interpreter and `sleep` stop at the next statement) and is also raced, so a command that
 * never reaches a statement boundary cannot hold the caller.
 */
import type { Bash } from 'just-bash/browser';
import { BoundedOutput } from '../bounded-output';
import { normalizePath } from '../paths';
import { EXIT_ABORTED, EXIT_TIMEOUT, type ExecOptions, type ExecResult } from '../types';
import { inTerminalWords } from './bash-messages';
import { failedAtEnd, UNEXPECTED_END } from './bash-syntax';
import { INTERLEAVE_MARKER, interleaveStderr } from './interleave-stderr';
import { toBashPath } from './project-paths';
import { messageOf } from '../../errors';

/**
 * The most one command may print in just-bash (its own default is 256 MiB, all of it held in the
 * tab's memory until the command ends); past it the command fails with just-bash's message.
 */
export const JUST_BASH_OUTPUT_LIMIT = 16 * 1024 * 1024;

/** How long a stopped command may take to hand back what it printed before we give up on it. */
const STOP_GRACE_MS = 100;

/** The line just-bash adds when its signal fires; our result says it more precisely. */
const ABORT_NOTICE = 'bash: execution aborted\n';

type BashOutput = { stdout: string; stderr: string; exitCode: number };

export interface BashExecutor {
	exec(command: string, options?: ExecOptions): Promise<ExecResult>;
	/** Stops every running command (the runtime is going away). */
	abortAll(): void;
}

/** Runs command lines on `bash`, which it sets up for that (a transform that orders stderr). */
export function createBashExecutor(bash: Bash, afterEach: () => void): BashExecutor {
	bash.registerTransformPlugin(interleaveStderr);
	/** Stop functions of the commands in flight. */
	const running = new Set<() => void>();

	const isDirectory = async (absolute: string) => {
		try {
			return (await bash.fs.stat(absolute)).isDirectory;
		} catch {
			return false;
		}
	};

	async function exec(command: string, options: ExecOptions = {}): Promise<ExecResult> {
		const { signal, timeoutMs, onOutput } = options;
		if (signal?.aborted) return stoppedResult('abort');

		// Armed before the first await, so an abort right after the call is never missed.
		const controller = new AbortController();
		let stoppedBy: 'timeout' | 'abort' | undefined;
		const stop = (reason: 'timeout' | 'abort') => {
			if (stoppedBy) return;
			stoppedBy = reason;
			controller.abort();
		};
		const onAbort = () => stop('abort');
		running.add(onAbort);
		signal?.addEventListener('abort', onAbort, { once: true });
		const timer =
			timeoutMs === undefined
				? undefined
				: setTimeout(() => stop('timeout'), Math.max(0, timeoutMs));
		const stopped = new Promise<undefined>((resolve) =>
			controller.signal.addEventListener('abort', () => resolve(undefined), { once: true })
		);

		try {
			const cwd = options.cwd ?? '';
			let absoluteCwd: string;
			try {
				absoluteCwd = toBashPath(cwd);
			} catch {
				return failure(`Cannot run in '${cwd}': it is outside the project.\n`, onOutput);
			}
			if (!(await isDirectory(absoluteCwd))) {
				return failure(
					`Cannot run in '${normalizePath(cwd)}': no such folder in the project. Create it first or run from the project root.\n`,
					onOutput
				);
			}
			if (stoppedBy) return stoppedResult(stoppedBy);

			const outcome: Promise<BashOutput> = bash
				.exec(INTERLEAVE_MARKER + command, {
					cwd: absoluteCwd,
					env: options.env,
					signal: controller.signal
				})
				.catch((error: unknown) => ({
					stdout: '',
					stderr: `bash: ${messageOf(error)}\n`,
					exitCode: 1
				}));

			let result = await Promise.race([outcome, stopped]);
			// A command that finished before the stop took effect keeps its own exit code.
			const reason = result ? undefined : stoppedBy;
			if (!result) {
				result = await Promise.race([
					outcome,
					new Promise<undefined>((resolve) => setTimeout(resolve, STOP_GRACE_MS))
				]);
			}
			let stdout = inTerminalWords(result?.stdout ?? '');
			let stderr = failedAtEnd(bash, command, result)
				? `${UNEXPECTED_END}\n`
				: inTerminalWords(result?.stderr ?? '');
			if (reason && stderr.endsWith(ABORT_NOTICE)) stderr = stderr.slice(0, -ABORT_NOTICE.length);
			if (reason && stdout.endsWith(ABORT_NOTICE)) stdout = stdout.slice(0, -ABORT_NOTICE.length);
			if (stdout) onOutput?.(stdout);
			if (stderr) onOutput?.(stderr);
			// just-bash caps what one command may print (JUST_BASH_OUTPUT_LIMIT); what is kept of it
			// is bounded as on the other runtimes.
			const output = new BoundedOutput();
			output.append(stdout);
			output.append(stderr);
			return reason
				? stoppedResult(reason, output)
				: {
						exitCode: result?.exitCode ?? 1,
						output: output.text,
						omittedBytes: output.omittedBytes,
						timedOut: false,
						aborted: false
					};
		} finally {
			clearTimeout(timer);
			signal?.removeEventListener('abort', onAbort);
			running.delete(onAbort);
			afterEach();
		}
	}

	return {
		exec,
		abortAll() {
			for (const stop of [...running]) stop();
		}
	};
}

function failure(message: string, onOutput: ExecOptions['onOutput']): ExecResult {
	onOutput?.(message);
	return { exitCode: 1, output: message, timedOut: false, aborted: false };
}

function stoppedResult(reason: 'timeout' | 'abort', output?: BoundedOutput): ExecResult {
	return {
		exitCode: reason === 'timeout' ? EXIT_TIMEOUT : EXIT_ABORTED,
		output: output?.text ?? '',
		omittedBytes: output?.omittedBytes ?? 0,
		timedOut: reason === 'timeout',
		aborted: reason === 'abort'
	};
}
