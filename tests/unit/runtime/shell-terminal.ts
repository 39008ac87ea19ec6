/**
 * A line shell over the real browser runtime (just-bash), with what it printed kept as a
 * string: the harness of the terminal's unit tests.
 */
import { afterEach, expect } from 'vitest';
import { createBrowserRuntime } from '../../../src/lib/runtime/browser';
import type { Runtime, ShellSession } from '../../../src/lib/runtime/types';

// eslint-disable-next-line no-control-regex -- matching terminal escape sequences is the point
export const promptAtEnd = /\x1b\[1;34m(~[^\x1b]*)\x1b\[0m \x1b\[3([12])m\$\x1b\[0m (?:\x1b\[K)?$/;
export const CLEAR = '\x1b[2J\x1b[3J\x1b[H';

export interface Terminal {
	runtime: Runtime;
	shell: ShellSession;
	screen(): string;
	/** Types a line, waits for the next prompt, returns what the screen showed in between. */
	run(line: string): Promise<string>;
	/** Waits until the screen, from `since` on, ends in a prompt; returns that part of it. */
	settled(since: number): Promise<string>;
	/** The directory the last prompt shows, and whether it is the red (failed) one. */
	prompt(): { where: string; failed: boolean } | undefined;
}

let open: Terminal[] = [];

export async function openTerminal(files?: Record<string, string>): Promise<Terminal> {
	const runtime = await createBrowserRuntime({ files });
	const shell = await runtime.openShell({ cols: 80, rows: 24 });
	let screen = '';
	shell.onData((data) => (screen += data));
	const settled = async (since: number) => {
		await expect.poll(() => promptAtEnd.test(screen.slice(since))).toBe(true);
		return screen.slice(since);
	};
	const terminal: Terminal = {
		runtime,
		shell,
		screen: () => screen,
		settled,
		async run(line) {
			const since = screen.length;
			shell.write(`${line}\r`);
			return settled(since);
		},
		prompt() {
			const match = promptAtEnd.exec(screen);
			return match ? { where: match[1] ?? '', failed: match[2] === '1' } : undefined;
		}
	};
	open.push(terminal);
	await settled(0);
	return terminal;
}

afterEach(async () => {
	for (const { shell, runtime } of open) {
		shell.kill();
		await runtime.dispose();
	}
	open = [];
});
