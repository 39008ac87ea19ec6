/**
 * The process half of the WebContainer test double: WebContainerProcess over real child
 * processes. `jsh -c CMD` runs `bash -c CMD`; `jsh` with a terminal runs an interactive bash on
 * a real pseudo-terminal (util-linux `script`), so echo, CR→LF on input and the prompt behave as
 * in a terminal. Output is "terminal output" as WebContainer gives it: stdout and stderr merged,
 * LF written as CRLF.
 *
 * Differences that remain: bash has grep, sed, sleep and friends, which jsh lacks; resize is
 * recorded, not passed on to the pseudo-terminal.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { constants } from 'node:os';
import type { SpawnOptions, WebContainerProcess } from '@webcontainer/api';

export interface SpawnRecord {
	readonly command: string;
	readonly args: readonly string[];
	readonly options: SpawnOptions | undefined;
}

export interface FakeProcess extends WebContainerProcess {
	readonly resizes: ReadonlyArray<{ cols: number; rows: number }>;
}

/** Spawns what `command args` means inside WebContainer, run by the host in `cwd`. */
export function spawnFakeProcess(
	command: string,
	args: readonly string[],
	options: SpawnOptions | undefined,
	cwd: string
): FakeProcess {
	const env: Record<string, string> = { ...(process.env as Record<string, string>) };
	for (const [key, value] of Object.entries(options?.env ?? {})) env[key] = String(value);

	if (command === 'jsh' && args.length === 0) {
		const { cols, rows } = options?.terminal ?? { cols: 80, rows: 24 };
		env.TERM = 'xterm-256color';
		const shell = `stty cols ${cols} rows ${rows} 2>/dev/null; PS1='$ ' exec bash --norc --noprofile -i`;
		// script's own notices go to its stderr; the terminal only shows the pseudo-terminal.
		return wrap(spawn('script', ['-qfec', shell, '/dev/null'], spawnOptions(cwd, env)), {
			output: options?.output !== false,
			stderr: false,
			crlf: false
		});
	}
	const [file, fileArgs] = command === 'jsh' ? ['bash', args] : [command, args];
	return wrap(spawn(file, [...fileArgs], spawnOptions(cwd, env)), {
		output: options?.output !== false,
		stderr: true,
		crlf: true
	});
}

function spawnOptions(cwd: string, env: Record<string, string>) {
	// Its own process group, so kill() reaches the command's children too (`a; sleep 30`).
	return { cwd, env, detached: true, stdio: 'pipe' as const };
}

function wrap(
	child: ChildProcess,
	mode: { output: boolean; stderr: boolean; crlf: boolean }
): FakeProcess {
	let controller: ReadableStreamDefaultController<string> | undefined;
	// With `output: false` WebContainer hands out a stream that never produces (nor closes).
	const output = new ReadableStream<string>({
		start: (c) => {
			if (mode.output) controller = c;
		},
		// A reader that cancels stops the flow, as it would on the page.
		cancel: () => {
			controller = undefined;
		}
	});
	const push = (text: string) => {
		if (text) controller?.enqueue(mode.crlf ? text.replace(/\n/g, '\r\n') : text);
	};
	const pipe = (stream: NodeJS.ReadableStream | null) => {
		const decoder = new TextDecoder();
		stream?.on('data', (chunk: Buffer) => push(decoder.decode(chunk, { stream: true })));
		return () => push(decoder.decode());
	};
	const flushOut = pipe(child.stdout);
	const flushErr = mode.stderr ? pipe(child.stderr) : () => undefined;
	if (!mode.stderr) child.stderr?.resume();
	child.stdin?.on('error', () => undefined);

	let exited = false;
	const exit = new Promise<number>((resolve) => {
		const finish = (code: number, last = '') => {
			if (exited) return;
			exited = true;
			flushOut();
			flushErr();
			push(last);
			controller?.close();
			controller = undefined;
			resolve(code);
		};
		// 'close', not 'exit': output is complete before exit resolves, as in WebContainer.
		child.on('close', (code, signal) =>
			finish(code ?? 128 + (signal ? constants.signals[signal] : 0))
		);
		child.on('error', (error) => finish(127, `jsh: ${error.message}\n`));
	});

	const resizes: Array<{ cols: number; rows: number }> = [];
	return {
		output,
		input: new WritableStream<string>({
			write: (data) => {
				if (!exited) child.stdin?.write(data);
			}
		}),
		exit,
		kill() {
			if (exited || child.pid === undefined) return;
			try {
				process.kill(-child.pid, 'SIGTERM');
			} catch {
				// Already gone.
			}
		},
		resize(dimensions) {
			resizes.push({ ...dimensions });
		},
		resizes
	};
}
