/**
 * The node runtime's native search: ripgrep, spawned with an argument array (never a shell),
 * the pattern after -e and the path after --, so neither can be read as an option. Its
 * settings make it see the project as the workspace does (see NativeGrepRequest); what it
 * prints (with --null, so any path parses) becomes NativeGrepFile records.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { NativeGrepFile, NativeGrepRequest, NativeGrepResult, NativeSearch } from '../types';
import { PathScanner, TextFilter } from './text-filter';

/** The rg executable on PATH, or undefined. Checked once per runtime: a handful of stats. */
export function findRipgrep(path = process.env.PATH ?? ''): string | undefined {
	const names = process.platform === 'win32' ? ['rg.exe'] : ['rg'];
	for (const dir of path.split(delimiter)) {
		if (dir === '') continue;
		for (const name of names) {
			const candidate = join(dir, name);
			try {
				accessSync(candidate, constants.X_OK);
				return candidate;
			} catch {
				// Not here: try the next folder.
			}
		}
	}
	return undefined;
}

/** Settings that make ripgrep's view of the folder the workspace's view. */
const BASE_ARGS = [
	'--no-config',
	// The workspace reads only the project's own .gitignore files, in a repository or not.
	'--no-ignore-global',
	'--no-ignore-exclude',
	'--no-require-git',
	// No BOM sniffing: a UTF-16 file has NUL bytes, which makes it binary to the workspace.
	'--encoding',
	'none',
	'--color',
	'never',
	'--null',
	'--no-heading',
	'--with-filename',
	'--no-messages'
];

/** The workspace never indexes node_modules or .git, ignored by .gitignore or not. */
const OPAQUE_GLOBS = ['-g', '!node_modules/', '-g', '!.git/'];

export function createRipgrepSearch(root: string, rg: string, label = 'ripgrep'): NativeSearch {
	return {
		label,
		grep: (request) => runRipgrep(root, rg, request)
	};
}

export function ripgrepArgs(request: NativeGrepRequest): string[] {
	const args = [...BASE_ARGS, request.ignoreCase ? '-i' : '-s'];
	if (request.mode === 'files') args.push('-l');
	else if (request.mode === 'count') args.push('-c');
	else {
		args.push('-n');
		if (request.context > 0) args.push('-C', String(request.context));
	}
	for (const glob of request.globs) args.push('-g', glob);
	// After the person's glob: the later glob wins in ripgrep.
	args.push(...OPAQUE_GLOBS, '-e', request.pattern, '--');
	// No path: ripgrep searches its working folder and prints paths relative to it.
	if (request.path !== '') args.push(request.path);
	return args;
}

function runRipgrep(
	root: string,
	rg: string,
	request: NativeGrepRequest
): Promise<NativeGrepResult> {
	return new Promise((resolve) => {
		if (request.signal?.aborted) return resolve({ ok: false, reason: 'aborted' });
		const child = spawn(rg, ripgrepArgs(request), {
			cwd: root,
			// Nothing from the person's environment changes what it sees (--no-config covers the rest).
			env: { PATH: process.env.PATH ?? '' },
			stdio: ['ignore', 'pipe', 'pipe'],
			windowsHide: true
		});
		const chunks: Buffer[] = [];
		// Which reported files the workspace would search is checked as their paths arrive.
		const texts = new TextFilter(root);
		const paths = new PathScanner(request.mode === 'files');
		let stderr = '';
		const onAbort = () => {
			child.kill();
			texts.stop();
		};
		request.signal?.addEventListener('abort', onAbort, { once: true });
		child.stdout.on('data', (chunk: Buffer) => {
			chunks.push(chunk);
			for (const path of paths.scan(chunk)) texts.add(path);
		});
		child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
		child.on('error', (error) => {
			request.signal?.removeEventListener('abort', onAbort);
			resolve({ ok: false, reason: `ripgrep could not start: ${error.message}` });
		});
		child.on('close', (code) => {
			request.signal?.removeEventListener('abort', onAbort);
			if (request.signal?.aborted) return resolve({ ok: false, reason: 'aborted' });
			// 1 is "no match"; 2 is an error (a pattern Rust's regex refuses, an unreadable file):
			// the caller falls back to the in-process engine, which reports it in its own words.
			if (code === 1) return resolve({ ok: true, files: [] });
			if (code !== 0) {
				return resolve({ ok: false, reason: stderr.trim() || `ripgrep exited with ${code}` });
			}
			const files = parseOutput(Buffer.concat(chunks), request.mode);
			resolve(
				texts.verdicts().then((isText) => ({
					ok: true,
					files: files.filter((file) => isText(file.path))
				}))
			);
		});
	});
}

const decoder = new TextDecoder('utf-8');
const NUL = 0;
const NEWLINE = 10;

/** ripgrep's --null output: `path\0` (files), `path\0N\n` (count), `path\0N:text\n` / `path\0N-text\n` / `--\n` (content). */
export function parseOutput(bytes: Uint8Array, mode: NativeGrepRequest['mode']): NativeGrepFile[] {
	const files: NativeGrepFile[] = [];
	if (mode === 'files') {
		let start = 0;
		for (let end = bytes.indexOf(NUL); end >= 0; end = bytes.indexOf(NUL, start)) {
			files.push({ path: decoder.decode(bytes.subarray(start, end)), count: 1 });
			start = end + 1;
		}
		return files;
	}
	const byPath = new Map<string, { lines: Map<number, string>; matched: number[] }>();
	let start = 0;
	while (start < bytes.length) {
		let end = bytes.indexOf(NEWLINE, start);
		if (end < 0) end = bytes.length;
		const nul = bytes.indexOf(NUL, start);
		if (nul >= 0 && nul < end) {
			const path = decoder.decode(bytes.subarray(start, nul));
			const rest = decoder.decode(bytes.subarray(nul + 1, end));
			if (mode === 'count') {
				files.push({ path, count: Number(rest) });
			} else {
				const digits = /^\d+/.exec(rest)![0];
				const number = Number(digits);
				let file = byPath.get(path);
				if (!file) byPath.set(path, (file = { lines: new Map(), matched: [] }));
				file.lines.set(number, rest.slice(digits.length + 1));
				if (rest[digits.length] === ':') file.matched.push(number);
			}
		}
		// A line without a path is a group separator ('--'): groups are rebuilt from line numbers.
		start = end + 1;
	}
	for (const [path, file] of byPath) {
		files.push({ path, count: file.matched.length, lines: file.lines, matched: file.matched });
	}
	return files;
}
