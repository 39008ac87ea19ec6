/**
 * The commands the line shell answers itself. A runtime's exec is one-shot (cwd and env reset
 * every time), so whatever must outlive one command (cd, export, unset, exit, clear, history)
 * is parsed here and kept by the shell. `cd DIR && rest` and `cd DIR; rest` change directory and then
 * run the rest in the new directory; any other line goes to exec unchanged.
 */
import { joinPath } from '../paths';

export type ShellLine =
	| { readonly kind: 'empty' }
	| { readonly kind: 'clear' }
	| { readonly kind: 'exit'; readonly code: number }
	| {
			readonly kind: 'cd';
			readonly target: string | undefined;
			/** What follows `&&` (runs only if cd worked) or `;` (runs anyway). */
			readonly then?: { readonly command: string; readonly always: boolean };
	  }
	/** `words` is the raw text after `export`, expanded by the runtime's own shell. */
	| { readonly kind: 'export'; readonly words: string }
	| { readonly kind: 'unset'; readonly names: readonly string[] }
	/** `history`, `history N` (the last N) and `history -c` (forget them). */
	| { readonly kind: 'history'; readonly count?: number; readonly clear?: boolean }
	| { readonly kind: 'unsupported'; readonly message: string }
	| { readonly kind: 'command'; readonly command: string };

/** One shell word without variables or substitutions: plain, quoted or backslash-escaped. */
const plainWord = String.raw`(?:\\.|[^\s&;|<>'"$\x60()\\]|'[^']*'|"[^"$\x60\\]*")+`;
const cdPattern = new RegExp(String.raw`^cd(?:\s+(${plainWord}))?\s*(?:(&&|;)\s*([\s\S]*\S))?\s*$`);
const namePattern = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function parseShellLine(line: string): ShellLine {
	const trimmed = line.trim();
	if (trimmed === '') return { kind: 'empty' };
	if (/^(clear|reset)$/.test(trimmed)) return { kind: 'clear' };
	const exit = /^exit(?:\s+(\d+))?$/.exec(trimmed);
	if (exit) return { kind: 'exit', code: Number(exit[1] ?? 0) & 255 };
	if (/^cd(\s|$)/.test(trimmed)) {
		const cd = cdPattern.exec(trimmed);
		if (!cd) {
			return {
				kind: 'unsupported',
				message:
					'cd: this shell understands `cd DIR`, `cd DIR && command` and `cd DIR; command` ' +
					'with a plain path (no variables, substitutions or pipes).'
			};
		}
		const [, word, separator, rest] = cd;
		const target = word === undefined ? undefined : unquote(word);
		return rest === undefined
			? { kind: 'cd', target }
			: { kind: 'cd', target, then: { command: rest, always: separator === ';' } };
	}
	const history = /^history(?:\s+(-c|\d+))?$/.exec(trimmed);
	if (history) {
		if (history[1] === '-c') return { kind: 'history', clear: true };
		return history[1] === undefined
			? { kind: 'history' }
			: { kind: 'history', count: Number(history[1]) };
	}
	const exportArgs = /^export\s+([\s\S]+)$/.exec(trimmed);
	if (exportArgs?.[1] && !exportArgs[1].startsWith('-')) {
		return { kind: 'export', words: exportArgs[1] };
	}
	const unset = /^unset\s+([\s\S]+)$/.exec(trimmed);
	if (unset?.[1]) {
		const names = unset[1].split(/\s+/);
		if (names.every((name) => namePattern.test(name))) return { kind: 'unset', names };
	}
	return { kind: 'command', command: line };
}

/** Removes shell quoting from a plain word: `'a b'`, `"a b"` and `a\ b` all give `a b`. */
export function unquote(word: string): string {
	return word.replace(/\\(.)|'([^']*)'|"([^"]*)"/g, (_match, escaped, single, double) =>
		String(escaped ?? single ?? double ?? '')
	);
}

export type CdResolution =
	{ readonly ok: true; readonly path: string } | { readonly ok: false; readonly message: string };

/**
 * Where `cd target` leads from `cwd`, as a project-relative path. `~`, no argument and `/`
 * mean the project root (the shell never leaves the project); `-` is the previous directory.
 */
export function resolveCdTarget(
	cwd: string,
	previousCwd: string | undefined,
	target: string | undefined
): CdResolution {
	if (target === undefined || target === '~') return { ok: true, path: '' };
	if (target === '-') {
		return previousCwd === undefined
			? { ok: false, message: 'cd: no previous directory' }
			: { ok: true, path: previousCwd };
	}
	try {
		if (target.startsWith('~/')) return { ok: true, path: joinPath(target.slice(2)) };
		if (target.startsWith('/')) return { ok: true, path: joinPath(target) };
		return { ok: true, path: joinPath(cwd, target) };
	} catch {
		return { ok: false, message: `cd: ${target} is outside the project` };
	}
}

/**
 * The shell command that expands `export` words the way bash would, printing each resulting
 * word followed by a NUL so values may hold spaces and newlines.
 */
export function exportExpansionCommand(words: string): string {
	return `printf '%s\\0' ${words}`;
}

export type ExportResult =
	| { readonly ok: true; readonly assignments: Readonly<Record<string, string>> }
	| { readonly ok: false; readonly message: string };

/** Reads the output of exportExpansionCommand: `NAME=value` sets, a bare `NAME` is a no-op. */
export function parseExportedWords(output: string): ExportResult {
	const assignments: Record<string, string> = {};
	const words = output.split('\0');
	if (words.at(-1) === '') words.pop();
	for (const word of words) {
		const equals = word.indexOf('=');
		const name = equals === -1 ? word : word.slice(0, equals);
		if (!namePattern.test(name)) {
			return { ok: false, message: `export: not a valid identifier: ${word}` };
		}
		if (equals !== -1) assignments[name] = word.slice(equals + 1);
	}
	return { ok: true, assignments };
}
