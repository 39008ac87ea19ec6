/**
 * The runtime for the CLI, tests and benchmarks: a real directory and real processes.
 * Imports node: builtins, so it is reachable only through ./index.ts, never from browser code.
 */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { normalizePath } from '../paths';
import { LineShell } from '../shell/line-shell';
import {
	EXIT_ABORTED,
	isFsError,
	ProcessError,
	type ExecOptions,
	type ExecResult,
	type PreviewEvent,
	type Runtime
} from '../types';
import { nodeCapabilities } from './capabilities';
import { createNodeFs } from './node-fs';
import { NodeWatcher } from './node-watch';
import { localProcessHost, type ProcessHost } from './process-host';
import { createRealPaths } from './real-paths';
import { PreviewDetector } from '../preview-detector';
import { ProcessTable } from '../process-table';
import { createRipgrepSearch, findRipgrep } from './ripgrep';

export interface NodeRuntimeOptions {
	/** The project folder; it must exist. */
	root: string;
	/**
	 * Where commands run (default: as children of this process). The caller owns it and disposes
	 * it after the runtime.
	 */
	processHost?: ProcessHost;
	/**
	 * The ripgrep executable grep searches with (default: `rg` on PATH); false for none, so the
	 * in-process engine searches (tests compare the two).
	 */
	ripgrep?: string | false;
}

export async function createNodeRuntime(options: NodeRuntimeOptions): Promise<Runtime> {
	const root = resolve(options.root);
	const rootInfo = await stat(root).catch(() => undefined);
	if (!rootInfo?.isDirectory()) {
		throw new Error(`The project folder '${root}' does not exist. Create it or pass another root.`);
	}

	const watcher = new NodeWatcher(root);
	const realPaths = await createRealPaths(root);
	const fs = createNodeFs(realPaths, (listener) => watcher.subscribe(listener));
	const previewListeners = new Set<(event: PreviewEvent) => void>();
	const running = new Set<() => void>();
	const host = options.processHost ?? localProcessHost;

	const emitPreview = (event: PreviewEvent) => {
		for (const listener of [...previewListeners]) listener(event);
	};

	/** The absolute folder a command runs in, or why it cannot run there. */
	async function commandFolder(cwd: string): Promise<{ path: string } | { refusal: string }> {
		try {
			normalizePath(cwd);
		} catch {
			return { refusal: `Cannot run in '${cwd}': it is outside the project.\n` };
		}
		let absoluteCwd: string;
		try {
			// Through links, like every path: a folder link out of the project is refused.
			absoluteCwd = await realPaths.existing(cwd);
		} catch (error) {
			if (isFsError(error, 'EACCES') || isFsError(error, 'ELOOP')) {
				return { refusal: `Cannot run in '${cwd}': ${error.message}\n` };
			}
			absoluteCwd = resolve(root, normalizePath(cwd));
		}
		const cwdInfo = await stat(absoluteCwd).catch(() => undefined);
		if (!cwdInfo?.isDirectory()) {
			return {
				refusal: `Cannot run in '${normalizePath(cwd)}': no such folder in the project. Create it first or run from the project root.\n`
			};
		}
		return { path: absoluteCwd };
	}

	async function exec(command: string, execOptions: ExecOptions = {}): Promise<ExecResult> {
		const { signal } = execOptions;
		if (signal?.aborted) return abortedResult();
		// Armed before the first await, so an abort (or dispose) right after the call is not missed.
		const stopped = new AbortController();
		const stop = () => stopped.abort();
		signal?.addEventListener('abort', stop, { once: true });
		running.add(stop);
		try {
			const folder = await commandFolder(execOptions.cwd ?? '');
			if ('refusal' in folder) return failure(folder.refusal, execOptions);
			if (stopped.signal.aborted) return abortedResult();
			const previews = new PreviewDetector(emitPreview);
			const child = host.run(command, {
				...execOptions,
				signal: stopped.signal,
				cwd: folder.path,
				onChunk: (chunk) => previews.feed(chunk)
			});
			try {
				return await child.result;
			} finally {
				previews.end();
			}
		} finally {
			signal?.removeEventListener('abort', stop);
			running.delete(stop);
		}
	}

	// Background processes run under the same host as commands, without a timeout: a process
	// group each, so bash_kill and dispose stop the whole tree.
	const processes = new ProcessTable({
		onPreview: emitPreview,
		async launch(command, launchOptions) {
			const folder = await commandFolder(launchOptions.cwd ?? '');
			if ('refusal' in folder) throw new ProcessError(folder.refusal.trim());
			const child = host.run(command, {
				cwd: folder.path,
				...(launchOptions.env ? { env: launchOptions.env } : {}),
				onChunk: launchOptions.onOutput
			});
			return { exit: child.result.then((result) => result.exitCode), kill: () => child.stop() };
		}
	});

	const rg = options.ripgrep === undefined ? findRipgrep() : options.ripgrep || undefined;
	return {
		capabilities: nodeCapabilities,
		fs,
		...(rg ? { search: createRipgrepSearch(root, rg) } : {}),
		exec,
		processes,
		async openShell(shellOptions) {
			// A real pty needs a native module; the line shell over exec is enough for the CLI.
			return new LineShell({ exec, fs, ...shellOptions });
		},
		onPreview(listener) {
			previewListeners.add(listener);
			return () => previewListeners.delete(listener);
		},
		async dispose() {
			for (const stop of [...running]) stop();
			await processes.dispose();
			watcher.dispose();
			previewListeners.clear();
		}
	};
}

function failure(message: string, options: ExecOptions): ExecResult {
	options.onOutput?.(message);
	return { exitCode: 1, output: message, timedOut: false, aborted: false };
}

function abortedResult(): ExecResult {
	return { exitCode: EXIT_ABORTED, output: '', timedOut: false, aborted: true };
}
