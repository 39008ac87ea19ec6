import type { WebContainerProcess } from '@webcontainer/api';
import { BoundedOutput } from '../bounded-output';
import { normalizePath } from '../paths';
import {
	EXIT_ABORTED,
	EXIT_TIMEOUT,
	type ExecOptions,
	type ExecResult,
	type ShellOptions,
	type ShellSession
} from '../types';
import { createOutputCleaner } from './output-cleaner';
import type { WebContainerLike } from './types';

/** After a child exits, how long its output stream may take to close before we stop reading. */
const OUTPUT_GRACE_MS = 1000;

/** Tracks live processes so dispose() can kill them. */
export type ProcessTracker = Set<WebContainerProcess>;

/** The absolute working directory for spawn: the workdir joined with a project path. */
export function containerCwd(container: WebContainerLike, cwd: string | undefined): string {
	const relative = normalizePath(cwd ?? '');
	return relative ? `${container.workdir}/${relative}` : container.workdir;
}

/** Runs `command` through `jsh -c`, collecting cleaned output; kills it on timeout or abort. */
export async function execInContainer(
	container: WebContainerLike,
	command: string,
	options: ExecOptions,
	live: ProcessTracker
): Promise<ExecResult> {
	const { signal, timeoutMs, onOutput } = options;
	const stopped = (reason: 'timeout' | 'abort', output?: BoundedOutput): ExecResult => ({
		exitCode: reason === 'timeout' ? EXIT_TIMEOUT : EXIT_ABORTED,
		output: output?.text ?? '',
		omittedBytes: output?.omittedBytes ?? 0,
		timedOut: reason === 'timeout',
		aborted: reason === 'abort'
	});
	if (signal?.aborted) return stopped('abort');

	const child = await container.spawn('jsh', ['-c', command], {
		cwd: containerCwd(container, options.cwd),
		env: options.env,
		output: true
	});
	live.add(child);

	const cleaner = createOutputCleaner();
	// Bounded while it streams: endless output must not fill the tab's memory.
	const output = new BoundedOutput();
	const emit = (text: string) => {
		if (!text) return;
		output.append(text);
		onOutput?.(text);
	};

	const reader = child.output.getReader();
	const reading = (async () => {
		for (;;) {
			const { done, value } = await reader.read();
			if (done) return;
			emit(cleaner.push(value));
		}
	})().catch(() => undefined);

	let stopTimer: ReturnType<typeof setTimeout> | undefined;
	let onAbort: (() => void) | undefined;
	const stop = new Promise<'timeout' | 'abort'>((resolve) => {
		if (timeoutMs !== undefined) stopTimer = setTimeout(() => resolve('timeout'), timeoutMs);
		onAbort = () => resolve('abort');
		signal?.addEventListener('abort', onAbort, { once: true });
		if (signal?.aborted) resolve('abort');
	});

	try {
		const outcome = await Promise.race([child.exit.then((code) => ({ code })), stop]);
		if (typeof outcome === 'string') {
			child.kill();
			void reader.cancel().catch(() => undefined);
			emit(cleaner.flush());
			return stopped(outcome, output);
		}
		// Output normally closes with the child; the grace covers a stream that never does.
		let graceTimer: ReturnType<typeof setTimeout> | undefined;
		await Promise.race([
			reading,
			new Promise((resolve) => (graceTimer = setTimeout(resolve, OUTPUT_GRACE_MS)))
		]);
		clearTimeout(graceTimer);
		void reader.cancel().catch(() => undefined);
		emit(cleaner.flush());
		return {
			exitCode: outcome.code,
			output: output.text,
			omittedBytes: output.omittedBytes,
			timedOut: false,
			aborted: false
		};
	} finally {
		clearTimeout(stopTimer);
		if (onAbort) signal?.removeEventListener('abort', onAbort);
		live.delete(child);
	}
}

/** An interactive `jsh` on a terminal of the given size. */
export async function openContainerShell(
	container: WebContainerLike,
	options: ShellOptions,
	live: ProcessTracker
): Promise<ShellSession> {
	const child = await container.spawn('jsh', {
		cwd: containerCwd(container, options.cwd),
		env: options.env,
		terminal: { cols: options.cols, rows: options.rows }
	});
	live.add(child);
	const forget = () => live.delete(child);
	void child.exit.then(forget, forget);

	const listeners = new Set<(data: string) => void>();
	// The prompt arrives before anyone can subscribe: keep it for the first listener.
	let backlog: string[] | undefined = [];
	void (async () => {
		const reader = child.output.getReader();
		for (;;) {
			const { done, value } = await reader.read();
			if (done) return;
			if (backlog) backlog.push(value);
			else for (const listener of [...listeners]) listener(value);
		}
	})().catch(() => undefined);

	const writer = child.input.getWriter();
	return {
		write(data) {
			// Writing to a shell that has exited is not an error worth surfacing to a keystroke.
			void writer.write(data).catch(() => undefined);
		},
		resize(cols, rows) {
			child.resize({ cols, rows });
		},
		onData(listener) {
			listeners.add(listener);
			if (backlog) {
				const earlier = backlog.join('');
				backlog = undefined;
				if (earlier) listener(earlier);
			}
			return () => listeners.delete(listener);
		},
		exit: child.exit,
		kill() {
			child.kill();
		}
	};
}
