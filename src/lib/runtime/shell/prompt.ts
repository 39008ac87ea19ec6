/** The prompt: the working directory with `~` for the project root, `$` red after a failure. */
export function formatPrompt(cwd: string, lastExitCode: number): string {
	const where = cwd === '' ? '~' : `~/${cwd}`;
	const sign = lastExitCode === 0 ? '\x1b[32m$' : '\x1b[31m$';
	return `\x1b[1;34m${where}\x1b[0m ${sign}\x1b[0m `;
}

/** xterm needs `\r\n` to return to column 0; program output mostly has bare `\n`. */
export function toTerminalText(text: string): string {
	return text.replace(/\r?\n/g, '\r\n');
}

export const CLEAR_SCREEN = '\x1b[2J\x1b[3J\x1b[H';
