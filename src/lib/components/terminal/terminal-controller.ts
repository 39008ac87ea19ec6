import type { CommandEnd, ShellSession } from '$lib/runtime';
import { messageOf } from '$lib/errors';

export type ConnectShell = (size: { cols: number; rows: number }) => Promise<ShellSession>;

/** What the controller needs of the terminal on screen (xterm in the app, a fake in tests). */
export interface TerminalSurface {
	write(data: string): void;
	readonly cols: number;
	readonly rows: number;
}

export type TerminalState = 'idle' | 'connecting' | 'open' | 'exited' | 'failed';

// Bright black (the theme's muted colour), not SGR 2: xterm draws dim text at half opacity, under
// WCAG AA's 4.5:1 on the light theme.
const DIM = '\x1b[90m';
const RED = '\x1b[31m';
const RESET = '\x1b[0m';
/** Keystrokes typed while a shell starts are replayed to it; beyond this they are dropped. */
const MAX_QUEUED_INPUT = 4096;

function describe(error: unknown): string {
	const text = messageOf(error);
	return text.replace(/[.\s]+$/, '') || 'unknown error';
}

/**
 * Keeps one shell session behind a terminal: opens it, swaps it when the runtime changes,
 * reports exits and failures in the terminal, and restarts on Enter. xterm stays outside, so
 * this is testable without a DOM.
 */
export class TerminalController {
	#surface: TerminalSurface;
	#connect: ConnectShell | null = null;
	#session: ShellSession | null = null;
	#unsubscribe: (() => void) | null = null;
	#state: TerminalState = 'idle';
	#generation = 0;
	#queued = '';
	#disposed = false;
	/** Whether the cursor is at the start of a line, so notices need no leading newline. */
	#atLineStart = true;

	/** Told when a command typed at the prompt ends, where the shell can tell (not jsh). */
	readonly #onCommandEnd: ((end: CommandEnd) => void) | undefined;

	constructor(surface: TerminalSurface, onCommandEnd?: (end: CommandEnd) => void) {
		this.#surface = surface;
		this.#onCommandEnd = onCommandEnd;
	}

	#write(data: string): void {
		if (data === '') return;
		this.#atLineStart = data.endsWith('\n');
		this.#surface.write(data);
	}

	/** Prints a notice on a line of its own. */
	#notice(text: string): void {
		this.#write(`${this.#atLineStart ? '' : '\r\n'}${text}\r\n`);
	}

	get state(): TerminalState {
		return this.#state;
	}

	/**
	 * Opens a shell with `connect`, ending the current one first. `notice` (e.g. "switched to
	 * WebContainer") is printed dimmed on its own line before the new shell's output.
	 */
	attach(connect: ConnectShell, notice?: string): void {
		if (this.#disposed) return;
		this.#connect = connect;
		// Before the first shell (idle: the pane is fitted first) there is nothing to close, and
		// what was typed meanwhile is kept for it.
		if (this.#state !== 'idle') this.#closeSession();
		if (notice) this.#notice(`${DIM}— ${notice} —${RESET}`);
		this.#start();
	}

	/** Keystrokes from the terminal. */
	input(data: string): void {
		switch (this.#state) {
			case 'open':
				this.#session?.write(data);
				return;
			case 'idle':
			case 'connecting':
				if (this.#queued.length + data.length <= MAX_QUEUED_INPUT) this.#queued += data;
				return;
			case 'exited':
			case 'failed':
				if (data.includes('\r')) this.#start();
				return;
		}
	}

	resize(cols: number, rows: number): void {
		if (this.#state === 'open') this.#session?.resize(cols, rows);
	}

	dispose(): void {
		this.#disposed = true;
		this.#generation += 1;
		this.#closeSession();
		this.#state = 'idle';
	}

	#closeSession(): void {
		this.#unsubscribe?.();
		this.#unsubscribe = null;
		const session = this.#session;
		this.#session = null;
		this.#queued = '';
		session?.kill();
	}

	#start(): void {
		const connect = this.#connect;
		if (!connect || this.#disposed) return;
		const generation = ++this.#generation;
		this.#state = 'connecting';
		let pending: Promise<ShellSession>;
		try {
			pending = connect({ cols: this.#surface.cols, rows: this.#surface.rows });
		} catch (error) {
			pending = Promise.reject(error);
		}
		pending.then(
			(session) => this.#opened(session, generation),
			(error: unknown) => {
				if (generation !== this.#generation) return;
				this.#state = 'failed';
				this.#notice(
					`${RED}Terminal unavailable: ${describe(error)} — press Enter to try again, or reload the page.${RESET}`
				);
			}
		);
	}

	#opened(session: ShellSession, generation: number): void {
		// A newer attach (or dispose) happened while this one was connecting.
		if (generation !== this.#generation) {
			session.kill();
			return;
		}
		this.#session = session;
		this.#state = 'open';
		const stopData = session.onData((data) => this.#write(data));
		const stopEnds = session.onCommandEnd?.((end) => this.#onCommandEnd?.(end));
		this.#unsubscribe = () => {
			stopData();
			stopEnds?.();
		};
		const queued = this.#queued;
		this.#queued = '';
		if (queued) session.write(queued);
		session.exit.then(
			(code) => this.#exited(session, code),
			() => this.#exited(session, 1)
		);
	}

	#exited(session: ShellSession, code: number): void {
		if (this.#session !== session) return;
		this.#unsubscribe?.();
		this.#unsubscribe = null;
		this.#session = null;
		this.#state = 'exited';
		this.#notice(
			`${DIM}[process exited with code ${code}] — press Enter to start a new shell${RESET}`
		);
	}
}
