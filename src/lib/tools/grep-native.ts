import ignore from 'ignore';
import { isFsError, isWithin, type NativeGrepFile, type Runtime, type RuntimeFs } from '../runtime';
import { isBinary, OPAQUE_DIRS } from '../workspace';
import {
	compileGlobFilter,
	comparePaths,
	formatGrepResults,
	searchText,
	type FileMatches
} from './grep-engine';
import { plainGrepArgs } from './grep-plain-args';
import type { GrepArgs } from './grep';
import { compileSearchPattern } from './regex';
import { toRustPattern } from './rust-pattern';
import { skippedNote } from './search-scope';
import { throwIfAborted } from './tool-error';
import { displayPath, resolveToolPath } from './tool-paths';
import type { ToolResult, ToolWorkspace } from './types';

/** What the native search needs: the workspace only for its skipped-links note, when there is one. */
export interface NativeGrepContext {
	readonly runtime: Runtime;
	readonly signal: AbortSignal;
	readonly workspace?: Pick<ToolWorkspace, 'skippedEntries' | 'listDir'>;
}

/**
 * grep through the runtime's native engine (ripgrep on the node runtime), with the same
 * results and output as the in-process engine; undefined whenever that cannot be promised
 * (no engine, a pattern or glob whose meaning differs between the dialects, a path the
 * in-process engine has to explain, an engine failure): the caller then searches itself.
 * It never reads the project into memory, so the CLI can answer without indexing the folder.
 */
export async function nativeGrep(
	args: GrepArgs,
	ctx: NativeGrepContext
): Promise<ToolResult | undefined> {
	const search = ctx.runtime.search;
	const fs = ctx.runtime.fs;
	if (!search || !fs.stat) return undefined;
	const rust = toRustPattern(args.pattern, args.ignore_case ?? false);
	const globs = rustGlobs(args.glob);
	if (!rust || !globs) return undefined;
	let base: string;
	try {
		base = resolveToolPath(args.path ?? '');
	} catch {
		return undefined;
	}
	if (base.split('/').some((part) => OPAQUE_DIRS.has(part))) return undefined;
	const skipped = ctx.workspace?.skippedEntries?.() ?? [];
	if (skipped.some((entry) => isWithin(base, entry.path))) return undefined;
	const kind = await fs.stat(base).then(
		(info) => info.type,
		() => undefined
	);
	const mode = args.output_mode ?? 'files';
	const note = skippedNote(ctx, base);

	let results: FileMatches[];
	if (kind === 'file') {
		const found = await searchOneFile(fs, base, args, mode === 'files');
		if (found === null) return undefined;
		results = found ? [found] : [];
	} else if (kind === 'directory') {
		// A folder that is itself ignored is searched whole by the in-process engine: leave it to it.
		if (base !== '' && (await isIgnoredFolder(fs, base))) return undefined;
		const answer = await search.grep({
			pattern: rust.pattern,
			ignoreCase: rust.ignoreCase,
			path: base,
			globs: globs.map((glob) => anchorGlob(glob, base)),
			mode,
			context: args.context ?? 0,
			signal: ctx.signal
		});
		throwIfAborted(ctx.signal);
		if (!answer.ok) return undefined;
		results = answer.files.map(toFileMatches).sort((a, b) => comparePaths(a.path, b.path));
	} else {
		return undefined;
	}
	throwIfAborted(ctx.signal);
	if (results.length === 0) return noMatchesOutput(args, base, note);
	const result = formatGrepResults(results, {
		mode,
		context: args.context,
		headLimit: args.head_limit
	});
	return { ...result, output: result.output + note };
}

/**
 * A grep call answered by the runtime's native engine alone, without the workspace index
 * (the CLI uses it before indexing the folder); undefined when the call needs the in-process
 * engine or has an error to report: run it through runTool then, which explains it. Its
 * arguments are read without the tool's schema (grep-plain-args.ts), so this path loads
 * neither zod nor the tool registry.
 */
export async function runNativeGrep(
	rawArgs: unknown,
	ctx: NativeGrepContext
): Promise<ToolResult | undefined> {
	const args = plainGrepArgs(rawArgs);
	if (!args) return undefined;
	try {
		// A bad pattern or glob is reported by the full tool, before anything runs.
		compileSearchPattern(args.pattern, args.ignore_case ?? false);
		compileGlobFilter(args.glob);
		if (args.context !== undefined && (args.output_mode ?? 'files') !== 'content') return undefined;
		return await nativeGrep(args, ctx);
	} catch {
		return undefined;
	}
}

/** The message for a search that found nothing (both engines). */
export function noMatchesOutput(args: GrepArgs, base: string, note: string): ToolResult {
	const where = base === '' ? 'the project' : `'${displayPath(base)}'`;
	const filter = args.glob ? ` (files matching '${args.glob}')` : '';
	return {
		ok: true,
		output: `No matches for /${args.pattern}/${args.ignore_case ? 'i' : ''} in ${where}${filter}.${note}`,
		metadata: { count: 0 }
	};
}

function toFileMatches(file: NativeGrepFile): FileMatches {
	const matched = (file.matched ?? [1]).map((number) => number - 1);
	const lines = file.lines;
	let lineCount = 1;
	if (lines) for (const number of lines.keys()) lineCount = Math.max(lineCount, number);
	return {
		path: file.path,
		matched,
		count: file.count,
		lineCount,
		line: (index) => lines?.get(index + 1) ?? ''
	};
}

/**
 * The tool's glob as ripgrep --glob patterns, or undefined for syntax only picomatch reads
 * (extglobs like '+(a|b)', escapes): the in-process engine handles those.
 */
function rustGlobs(glob: string | undefined): string[] | undefined {
	if (glob === undefined || glob.trim() === '') return [];
	if (/[@!+*?]\(|\\/.test(glob.replace(/^!/, ''))) return undefined;
	return [glob];
}

/**
 * The tool reads a glob with '/' relative to the searched folder; ripgrep relative to the
 * folder it runs in (the project root).
 */
function anchorGlob(glob: string, base: string): string {
	const negate = glob.startsWith('!');
	const pattern = (negate ? glob.slice(1) : glob).replace(/^\.?\//, '');
	const anchored = !pattern.includes('/') || base === '' ? pattern : `${base}/${pattern}`;
	return (negate ? '!' : '') + anchored;
}

/**
 * One file searched in-process, read from the runtime (the index may not be loaded); binary
 * files as the workspace tells them. undefined: no match; null: not readable here.
 */
async function searchOneFile(
	fs: RuntimeFs,
	path: string,
	args: GrepArgs,
	firstOnly: boolean
): Promise<FileMatches | undefined | null> {
	let bytes: Uint8Array;
	try {
		bytes = await fs.readFile(path);
	} catch {
		return null;
	}
	if (isBinary(bytes) || bytes.includes(0)) return undefined;
	const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
	const regex = compileSearchPattern(args.pattern, args.ignore_case ?? false);
	return searchText(path, text, regex, firstOnly);
}

/** Whether .gitignore files put `path` (a folder) or a folder above it out of the index. */
async function isIgnoredFolder(fs: RuntimeFs, path: string): Promise<boolean> {
	const parts = path.split('/');
	const rules: { dir: string; matcher: ReturnType<typeof ignore> }[] = [];
	for (let depth = 0; depth < parts.length; depth++) {
		const dir = parts.slice(0, depth).join('/');
		const text = await fs
			.readTextFile(dir === '' ? '.gitignore' : `${dir}/.gitignore`)
			.catch((error: unknown) => {
				if (isFsError(error, 'ENOENT') || isFsError(error, 'ENOTDIR')) return undefined;
				throw error;
			});
		if (text !== undefined)
			rules.push({ dir, matcher: ignore({ allowRelativePaths: true }).add(text) });
		// The folder at this depth, tested against every rule file above it (deeper ones win).
		const folder = parts.slice(0, depth + 1).join('/');
		let ignored = false;
		for (const { dir: ruleDir, matcher } of rules) {
			if (!isWithin(folder, ruleDir) || folder === ruleDir) continue;
			const relative = ruleDir === '' ? folder : folder.slice(ruleDir.length + 1);
			const result = matcher.test(relative + '/');
			if (result.ignored) ignored = true;
			else if (result.unignored) ignored = false;
		}
		if (ignored) return true;
	}
	return false;
}
