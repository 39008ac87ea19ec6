/**
 * An interactive prompt for runtimes whose exec is one-shot (the browser runtime, the node
 * runtime without a pty). It edits the line itself (line-editor.ts: history, Tab completion,
 * Ctrl+R, commands over several lines), and carries the working directory, exported
 * variables and `$?` from one command to the next; see builtins.ts for which lines it answers
 * itself. Output streams to the terminal as exec delivers it.
 */
import {
	COMMAND_TAIL_CHARS,
	EXIT_ABORTED,
	isFsError,
	type CommandEnd,
	type Runtime,
	type RuntimeFs,
	type ShellSession
} from '../types';
import {
	exportExpansionCommand,
	parseExportedWords,
	parseShellLine,
	resolveCdTarget,
	type ShellLine
} from './builtins';
import type { SyntaxCheck } from './continuation';
import { BRACKETED_PASTE_ON, parseKeys, type Key } from './keys';
import { LineEditor } from './line-editor';
import { commandCompletions, entriesForCompletion } from './completion-sources';
import { formatHistory } from './history';
import { CLEAR_SCREEN, formatPrompt, toTerminalText } from './prompt';
import { messageOf } from '../../errors';

export interface LineShellOptions {
	exec: Runtime['exec'];
	fs: RuntimeFs;
	cols: number;
	rows: number;
	/** Project-relative starting directory; default the root. */
	cwd?: string;
	env?: Record<string, string>;
	/** Printed once before the first prompt, e.g. what this runtime can and cannot do. */
	banner?: string;
	/**
	 * The runtime shell's parser: whether a command is unfinished in a way only it can tell (an
	 * open if, loop, case, brace or function body), so the prompt reads on at `> ` as bash does.
	 */
	syntax?: SyntaxCheck;
}

/** What a shell keeps for a terminal that has not attached yet. */
const MAX_BACKLOG_CHARS = 64 * 1024;

export class LineShell implements ShellSession {
	readonly exit: Promise<number>;
	#resolveExit!: (code: number) => void;
	readonly #exec: Runtime['exec'];
	readonly #fs: RuntimeFs;
	readonly #listeners = new Set<(data: string) => void>();
	readonly #endListeners = new Set<(end: CommandEnd) => void>();
	/** Output produced before anyone listened (the banner and first prompt). */
	#backlog = '';
	readonly #editor: LineEditor;
	#cwd: string;
	#previousCwd: string | undefined;
	#env: Record<string, string>;
	#lastExitCode = 0;
	/** Keys typed while a line runs; they are handled when the prompt returns. */
	#queue: Key[] = [];
	#busy = false;
	#running: AbortController | undefined;
	#closed = false;
	/** Whether the last byte written ended a line, so the prompt always starts on a fresh one. */
	#atLineStart = true;
	cols: number;
	rows: number;

	constructor(options: LineShellOptions) {
		this.#exec = options.exec;
		this.#fs = options.fs;
		this.cols = options.cols;
		this.rows = options.rows;
		this.#cwd = options.cwd ?? '';
		this.#env = { ...options.env };
		this.exit = new Promise((resolve) => (this.#resolveExit = resolve));
		this.#editor = new LineEditor({
			emit: (data) => this.#emit(data),
			prompt: () => formatPrompt(this.#cwd, this.#lastExitCode),
			columns: () => this.cols,
			completions: {
				commands: (prefix) => commandCompletions(this.#exec, prefix),
				entries: (folder) => entriesForCompletion(this.#fs, this.#cwd, folder)
			},
			...(options.syntax ? { syntax: options.syntax } : {})
		});
		this.#emit(BRACKETED_PASTE_ON);
		if (options.banner) this.#print(options.banner);
		this.#showPrompt();
	}

	/** The working directory commands run in, project-relative. */
	get cwd(): string {
		return this.#cwd;
	}

	get env(): Readonly<Record<string, string>> {
		return this.#env;
	}

	write(data: string): void {
		if (this.#closed) return;
		const keys = parseKeys(data);
		if (this.#busy) {
			// Ctrl+C reaches a running command at once and, as a tty does, drops the typeahead.
			if (this.#running && keys.some((key) => key.type === 'interrupt')) {
				this.#queue = [];
				if (this.#running && !this.#running.signal.aborted) {
					this.#print('^C');
					this.#running.abort();
				}
				return;
			}
			this.#queue.push(...keys);
			return;
		}
		this.#queue.push(...keys);
		this.#pump();
	}

	resize(cols: number, rows: number): void {
		this.cols = cols;
		this.rows = rows;
	}

	onData(listener: (data: string) => void): () => void {
		this.#listeners.add(listener);
		if (this.#backlog !== '') {
			const backlog = this.#backlog;
			this.#backlog = '';
			listener(backlog);
		}
		return () => this.#listeners.delete(listener);
	}

	onCommandEnd(listener: (end: CommandEnd) => void): () => void {
		this.#endListeners.add(listener);
		return () => this.#endListeners.delete(listener);
	}

	kill(): void {
		this.#close(EXIT_ABORTED);
	}

	#close(code: number): void {
		if (this.#closed) return;
		this.#closed = true;
		this.#queue = [];
		this.#running?.abort();
		this.#resolveExit(code);
	}

	#emit(data: string): void {
		if (data === '') return;
		this.#atLineStart = data.endsWith('\n');
		if (this.#listeners.size === 0) {
			// Bounded: a shell nobody watches may still run something chatty; the last screenfuls
			// are what a terminal attached later needs.
			this.#backlog = (this.#backlog + data).slice(-MAX_BACKLOG_CHARS);
			return;
		}
		for (const listener of this.#listeners) listener(data);
	}

	/** Writes program or shell text, fixing line endings for xterm. */
	#print(text: string): void {
		this.#emit(toTerminalText(text));
	}

	#printError(message: string): void {
		this.#emit(`\x1b[31m${toTerminalText(message)}\x1b[0m\r\n`);
	}

	#clearScreen(): void {
		this.#emit(CLEAR_SCREEN);
		this.#atLineStart = true;
	}

	#showPrompt(): void {
		if (!this.#atLineStart) this.#emit('\r\n');
		this.#emit(this.#editor.render());
	}

	#pump(): void {
		while (!this.#busy && !this.#closed) {
			const key = this.#queue.shift();
			if (!key) return;
			const outcome = this.#editor.handle(key);
			if (outcome.kind === 'submit') this.#submit(outcome.text);
			else if (outcome.kind === 'close') this.#close(0);
			else if (outcome.kind === 'wait') {
				this.#busy = true;
				void outcome.done
					.catch(() => {
						// Completion found nothing to offer; the line stays as typed.
					})
					.finally(() => {
						this.#busy = false;
						this.#pump();
					});
			}
		}
	}

	#submit(text: string): void {
		this.#busy = true;
		void this.#runLine(parseShellLine(text))
			.catch((error: unknown) => {
				this.#lastExitCode = 1;
				this.#printError(messageOf(error));
			})
			.finally(() => {
				this.#busy = false;
				if (this.#closed) return;
				this.#showPrompt();
				this.#pump();
			});
	}

	async #runLine(line: ShellLine): Promise<void> {
		switch (line.kind) {
			case 'empty':
				return;
			case 'clear':
				this.#clearScreen();
				this.#lastExitCode = 0;
				return;
			case 'exit':
				return this.#close(line.code);
			case 'unsupported':
				this.#printError(line.message);
				this.#lastExitCode = 1;
				return;
			case 'history':
				if (line.clear) this.#editor.history.clear();
				else this.#print(formatHistory(this.#editor.history.entries, line.count));
				this.#lastExitCode = 0;
				return;
			case 'unset':
				for (const name of line.names) delete this.#env[name];
				this.#lastExitCode = 0;
				return;
			case 'export':
				return this.#export(line.words);
			case 'cd': {
				const changed = await this.#changeDirectory(line.target);
				if (line.then && (changed || line.then.always)) await this.#runCommand(line.then.command);
				return;
			}
			case 'command':
				return this.#runCommand(line.command);
		}
	}

	async #changeDirectory(target: string | undefined): Promise<boolean> {
		const resolved = resolveCdTarget(this.#cwd, this.#previousCwd, target);
		if (!resolved.ok) return this.#failCd(resolved.message);
		try {
			await this.#fs.readdir(resolved.path);
		} catch (error) {
			return this.#failCd(
				isFsError(error, 'ENOTDIR')
					? `cd: not a directory: ${target}`
					: `cd: no such file or directory: ${target}`
			);
		}
		if (target === '-') this.#print(`${resolved.path === '' ? '~' : `~/${resolved.path}`}\n`);
		if (resolved.path !== this.#cwd) this.#previousCwd = this.#cwd;
		this.#cwd = resolved.path;
		this.#lastExitCode = 0;
		return true;
	}

	#failCd(message: string): false {
		this.#printError(message);
		this.#lastExitCode = 1;
		return false;
	}

	async #export(words: string): Promise<void> {
		const result = await this.#exec(exportExpansionCommand(words), {
			cwd: this.#cwd,
			env: this.#env
		});
		const parsed =
			result.exitCode === 0
				? parseExportedWords(result.output)
				: { ok: false as const, message: `export: ${result.output.trim()}` };
		if (!parsed.ok) {
			this.#printError(parsed.message);
			this.#lastExitCode = 1;
			return;
		}
		Object.assign(this.#env, parsed.assignments);
		this.#lastExitCode = 0;
	}

	async #runCommand(command: string): Promise<void> {
		const controller = new AbortController();
		this.#running = controller;
		let tail = '';
		try {
			// exec starts afresh each time; `(exit N)` hands the last status on, so `$?` holds.
			const status = this.#lastExitCode === 0 ? '' : `(exit ${this.#lastExitCode}); `;
			const result = await this.#exec(status + command, {
				cwd: this.#cwd,
				env: this.#env,
				signal: controller.signal,
				onOutput: (chunk) => {
					if (this.#closed) return;
					this.#print(chunk);
					tail = (tail + chunk).slice(-COMMAND_TAIL_CHARS);
				}
			});
			this.#lastExitCode = result.exitCode;
			const output = tail || result.output.slice(-COMMAND_TAIL_CHARS);
			const end = { command, exitCode: result.exitCode, output };
			if (!this.#closed) for (const listener of this.#endListeners) listener(end);
		} finally {
			this.#running = undefined;
		}
	}
}
