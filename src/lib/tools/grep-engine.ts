import picomatch from 'picomatch/posix';
import { ToolError } from './tool-error';
import { cutLine, truncateLines } from './truncate';
import { messageOf } from '../errors';
import { lineCountOf, matchingLines, wholeTextRegex, type LineMatches } from './whole-text-match';

/**
 * The grep tool's engine as pure functions (no workspace, no runtime): matching one text,
 * the glob and hidden-name filters, and the output format. The in-process search and the
 * ripgrep-backed one (grep-native.ts) both end in formatGrepResults, so they print alike.
 */

export const GREP_MAX_OUTPUT_CHARS = 30_000;
const GREP_MAX_LINE_CHARS = 2000;

export type GrepOutputMode = 'files' | 'content' | 'count';

export interface FileMatches {
	readonly path: string;
	/** 0-based indexes of the matching lines (only the first in "files" mode). */
	readonly matched: readonly number[];
	/** Matching lines in the file ("count" mode; may exceed matched.length when only counted). */
	readonly count: number;
	/** How many lines the file has, as far as context may reach. */
	readonly lineCount: number;
	/** The text of a line by 0-based index (matches and their context; others may be ''). */
	line(index: number): string;
}

/** Matching lines of one text, split as ripgrep splits: on \n, keeping any \r in the line. */
export function searchText(
	path: string,
	text: string,
	regex: RegExp,
	firstOnly: boolean
): FileMatches | undefined {
	const twin = wholeTextRegex(regex);
	if (twin) return fromLineMatches(path, text, matchingLines(text, regex, twin, firstOnly));
	const lines = text.split('\n');
	if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
	const matched: number[] = [];
	for (let index = 0; index < lines.length; index++) {
		if (!regex.test(lines[index]!)) continue;
		matched.push(index);
		if (firstOnly) break;
	}
	if (matched.length === 0) return undefined;
	return {
		path,
		matched,
		count: matched.length,
		lineCount: lines.length,
		line: (index) => lines[index] ?? ''
	};
}

/** Matching lines found without splitting the file; it is split only if context is asked for. */
function fromLineMatches(path: string, text: string, found: LineMatches): FileMatches | undefined {
	if (found.matched.length === 0) return undefined;
	let all: string[] | undefined;
	return {
		path,
		matched: found.matched,
		count: found.matched.length,
		lineCount: lineCountOf(text),
		line: (index) => found.lines.get(index) ?? (all ??= text.split('\n'))[index] ?? ''
	};
}

export interface GrepFormatOptions {
	readonly mode: GrepOutputMode;
	readonly context?: number;
	readonly headLimit?: number;
}

export function formatGrepResults(results: readonly FileMatches[], options: GrepFormatOptions) {
	let lines: string[];
	if (options.mode === 'content') lines = contentLines(results, options.context ?? 0);
	else if (options.mode === 'count') lines = results.map((r) => `${r.path}:${r.count}`);
	else lines = results.map((r) => r.path);

	const notes: string[] = [];
	let truncated = false;
	const limit = options.headLimit;
	if (limit !== undefined && lines.length > limit) {
		notes.push(`(${lines.length - limit} more lines not shown: head_limit ${limit}.)`);
		lines = lines.slice(0, limit);
		if (lines.at(-1) === '--') lines.pop();
		truncated = true;
	}
	const fitted = truncateLines(lines, GREP_MAX_OUTPUT_CHARS);
	if (fitted.omitted > 0) {
		notes.push(
			`(Output cut: ${fitted.omitted} more lines not shown. Narrow the search with path, glob or a more specific pattern, or use head_limit.)`
		);
		truncated = true;
	}
	return {
		ok: true,
		output: [...fitted.lines, ...notes].join('\n'),
		metadata: { count: results.length, truncated }
	};
}

/** ripgrep's --no-heading layout: `path:n:text` for matches, `path-n-text` for context, `--` between groups. */
function contentLines(results: readonly FileMatches[], context: number): string[] {
	const out: string[] = [];
	const show = (text: string) =>
		cutLine(text.endsWith('\r') ? text.slice(0, -1) : text, GREP_MAX_LINE_CHARS);
	for (const result of results) {
		const isMatch = new Set(result.matched);
		let printedUpTo = -1;
		for (const index of result.matched) {
			const from = Math.max(0, index - context, printedUpTo + 1);
			const to = Math.min(result.lineCount - 1, index + context);
			// A new group: the first of a file, or one not touching the lines already shown.
			const startsGroup = printedUpTo === -1 || from > printedUpTo + 1;
			if (context > 0 && out.length > 0 && startsGroup) out.push('--');
			for (let line = from; line <= to; line++) {
				const separator = isMatch.has(line) ? ':' : '-';
				out.push(`${result.path}${separator}${line + 1}${separator}${show(result.line(line))}`);
			}
			printedUpTo = Math.max(printedUpTo, to);
		}
	}
	return out;
}

/** ripgrep skips names starting with '.' below the searched folder unless asked otherwise. */
export function isHidden(relative: string): boolean {
	return relative.split('/').some((part) => part.startsWith('.'));
}

/**
 * grep's glob as ripgrep reads --glob: a pattern without '/' matches a file's name at any depth,
 * one with '/' the path relative to the searched folder; a leading '!' excludes.
 */
export function compileGlobFilter(glob: string | undefined): (relative: string) => boolean {
	if (glob === undefined || glob.trim() === '') return () => true;
	const negate = glob.startsWith('!');
	const pattern = (negate ? glob.slice(1) : glob).replace(/^\.?\//, '');
	let matcher: (path: string) => boolean;
	try {
		matcher = picomatch(pattern, { dot: true, basename: !pattern.includes('/') });
	} catch (error) {
		throw new ToolError(`Invalid glob '${glob}': ${messageOf(error)}.`);
	}
	return negate ? (path) => !matcher(path) : matcher;
}

/**
 * The order results are listed in, folder by folder as ripgrep and a tree walk list them
 * ('a/b' before 'a-b'): the same key as the workspace's allFiles().
 */
export function comparePaths(a: string, b: string): number {
	const keyA = a.replaceAll('/', '\u0000');
	const keyB = b.replaceAll('/', '\u0000');
	return keyA < keyB ? -1 : keyA > keyB ? 1 : 0;
}

/** A search over texts already gathered, in a form a worker can take (plain data only). */
export interface GrepJob {
	readonly paths: readonly string[];
	readonly texts: readonly string[];
	readonly pattern: string;
	readonly ignoreCase: boolean;
	readonly firstOnly: boolean;
	/** Context lines kept around each match (content mode). */
	readonly context: number;
}

/** FileMatches as plain data: only the lines the output can show (matches and their context). */
export interface PortableMatches {
	readonly path: string;
	readonly matched: number[];
	readonly count: number;
	readonly lineCount: number;
	readonly lines: [number, string][];
}

/** The engine over a job, as the in-process search does it file by file. */
export function runGrepJob(
	job: GrepJob,
	compile: (pattern: string, ignoreCase: boolean) => RegExp
) {
	const regex = compile(job.pattern, job.ignoreCase);
	const out: PortableMatches[] = [];
	for (let i = 0; i < job.paths.length; i++) {
		const found = searchText(job.paths[i]!, job.texts[i]!, regex, job.firstOnly);
		if (found) out.push(toPortable(found, job.context));
	}
	return out;
}

function toPortable(found: FileMatches, context: number): PortableMatches {
	const keep = new Map<number, string>();
	for (const index of found.matched) {
		const from = Math.max(0, index - context);
		const to = Math.min(found.lineCount - 1, index + context);
		for (let line = from; line <= to; line++) keep.set(line, found.line(line));
	}
	return {
		path: found.path,
		matched: [...found.matched],
		count: found.count,
		lineCount: found.lineCount,
		lines: [...keep]
	};
}

export function fromPortable(portable: PortableMatches): FileMatches {
	const lines = new Map(portable.lines);
	return { ...portable, line: (index) => lines.get(index) ?? '' };
}
