/**
 * Where Tab completion finds its candidates: command names from the runtime's own shell
 * (`compgen`, which knows its builtins and programs) plus the ones this shell answers itself,
 * and folder entries from the runtime's filesystem.
 */
import type { DirEntry, Runtime, RuntimeFs } from '../types';
import { resolveCdTarget } from './builtins';

/** Answered by the line shell, so the runtime's shell may not list them. */
const SHELL_COMMANDS = ['cd', 'clear', 'exit', 'export', 'history', 'reset', 'unset'];

/** Only a plain word goes into the compgen command line; anything else completes to nothing. */
const commandWord = /^[\w.+-]*$/;

export async function commandCompletions(exec: Runtime['exec'], prefix: string): Promise<string[]> {
	const own = SHELL_COMMANDS.filter((name) => name.startsWith(prefix));
	if (!commandWord.test(prefix)) return own;
	const result = await exec(`compgen -A command -- '${prefix}'`, { timeoutMs: 5_000 });
	// A runtime whose shell has no compgen (exit 127) offers only this shell's own commands.
	const listed = result.exitCode === 0 ? result.output.split('\n').filter(Boolean) : [];
	return [...own, ...listed.filter((name) => commandWord.test(name))];
}

/** A folder as typed at the prompt (`src/`, `~/x/`, `/`, `.`), read from the project. */
export async function entriesForCompletion(
	fs: RuntimeFs,
	cwd: string,
	folder: string
): Promise<Array<{ name: string; folder: boolean }>> {
	const target = resolveCdTarget(cwd, undefined, folder.replace(/\/+$/, '') || '/');
	if (!target.ok) return [];
	const entries: DirEntry[] = await fs.readdir(target.path);
	return entries.map((entry) => ({ name: entry.name, folder: entry.type === 'directory' }));
}
