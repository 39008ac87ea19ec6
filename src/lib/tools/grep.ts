import picomatch from 'picomatch/posix';
import * as z from 'zod';
import { defineTool } from './define-tool';
import { extraIgnores } from './extra-ignores';
import { compileSearchPattern } from './regex';
import { relativeTo, searchScope, skippedNote } from './search-scope';
import { throwIfAborted, ToolError } from './tool-error';
import { displayPath } from './tool-paths';
import { cutLine, truncateLines } from './truncate';
import { messageOf } from '../errors';

export const GREP_MAX_OUTPUT_CHARS = 30_000;
const GREP_MAX_LINE_CHARS = 2000;

const parameters = z.strictObject({
	pattern: z.string().min(1).describe('The regular expression to search for (JavaScript syntax).'),
	path: z
		.string()
		.optional()
		.describe(
			'A folder or file to search, relative to the project root (default: the whole project).'
		),
	glob: z
		.string()
		.optional()
		.describe(
			'Only search files matching this glob, e.g. "*.ts" (any depth, by name), "src/**/*.svelte" or "!*.test.ts" (exclude).'
		),
	output_mode: z
		.enum(['files', 'content', 'count'])
		.optional()
		.describe(
			'"files" (default): paths of matching files; "content": matching lines as path:line:text; "count": path:number of matching lines.'
		),
	ignore_case: z.boolean().optional().describe('Match case-insensitively (default false).'),
	context: z
		.number()
		.int()
		.min(0)
		.max(50)
		.optional()
		.describe('Lines of context before and after each match (content mode only).'),
	head_limit: z
		.number()
		.int()
		.min(1)
		.optional()
		.describe('Return only the first N lines of output.')
});

type GrepArgs = z.infer<typeof parameters>;

interface FileMatches {
	readonly path: string;
	readonly lines: readonly string[];
	/** 0-based indexes of the matching lines. */
	readonly matched: readonly number[];
}

export const grepTool = defineTool({
	name: 'grep',
	description: `Searches file contents with a regular expression, like ripgrep.

- pattern is a JavaScript regular expression, matched line by line (e.g. "function\\s+\\w+", "TODO|FIXME"). Escape special characters for a literal search.
- Files ignored by .gitignore, hidden files and folders (names starting with "."), node_modules, .git and binary files are skipped.
- output_mode "files" (default) lists matching files; "content" shows path:line:text for each matching line (context lines as path-line-text, "--" between groups); "count" shows path:count.
- Narrow the search with path (a folder or a file) and glob (e.g. "*.ts"); head_limit caps the output lines.
- Paths in the output are relative to the project root. To find files by name, use glob.`,
	parameters,
	readOnly: true,
	summarize: (args) => {
		const where = [args.path, args.glob].filter(Boolean).join(' ');
		return `/${args.pattern}/${args.ignore_case ? 'i' : ''}${where ? ` in ${where}` : ''}`;
	},
	async execute(args, ctx) {
		const regex = compileSearchPattern(args.pattern, args.ignore_case ?? false);
		const scope = searchScope(ctx, args.path, 'grep');
		const globFilter = compileGlobFilter(args.glob);
		const isExtraIgnored = extraIgnores(ctx.workspace);
		const mode = args.output_mode ?? 'files';
		if (args.context !== undefined && mode !== 'content') {
			throw new ToolError(
				'context applies to output_mode "content" only; set output_mode to "content" or drop context.'
			);
		}

		const results: FileMatches[] = [];
		let checked = 0;
		for (const file of scope.files) {
			if (++checked % 200 === 0) {
				throwIfAborted(ctx.signal);
				// Yield now and then so a search over a large project does not freeze the page.
				await Promise.resolve();
			}
			if (file.binary) continue;
			const relative = scope.isFile ? file.path : relativeTo(file.path, scope.base);
			if (!scope.isFile) {
				if (isHidden(relative) || isExtraIgnored(file.path) || !globFilter(relative)) continue;
			}
			const text = ctx.workspace.peekText(file.path);
			// ripgrep treats a NUL anywhere as binary; the index only sniffs the first 8 KB.
			if (text === undefined || text.includes('\0')) continue;
			const found = searchText(text, regex, mode === 'files');
			if (found) results.push({ path: file.path, ...found });
		}
		throwIfAborted(ctx.signal);

		if (results.length === 0) {
			const where = scope.base === '' ? 'the project' : `'${displayPath(scope.base)}'`;
			const filter = args.glob ? ` (files matching '${args.glob}')` : '';
			return {
				ok: true,
				output: `No matches for /${args.pattern}/${args.ignore_case ? 'i' : ''} in ${where}${filter}.${skippedNote(ctx, scope.base)}`,
				metadata: { count: 0 }
			};
		}
		const result = formatResults(results, mode, args);
		return { ...result, output: result.output + skippedNote(ctx, scope.base) };
	}
});

/** Matching lines of one text, split as ripgrep splits: on \n, keeping any \r in the line. */
function searchText(
	text: string,
	regex: RegExp,
	firstOnly: boolean
): { lines: string[]; matched: number[] } | undefined {
	const lines = text.split('\n');
	if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
	const matched: number[] = [];
	for (let index = 0; index < lines.length; index++) {
		if (!regex.test(lines[index]!)) continue;
		matched.push(index);
		if (firstOnly) break;
	}
	return matched.length > 0 ? { lines, matched } : undefined;
}

function formatResults(results: FileMatches[], mode: GrepArgs['output_mode'], args: GrepArgs) {
	let lines: string[];
	if (mode === 'content') lines = contentLines(results, args.context ?? 0);
	else if (mode === 'count') lines = results.map((r) => `${r.path}:${r.matched.length}`);
	else lines = results.map((r) => r.path);

	const notes: string[] = [];
	let truncated = false;
	if (args.head_limit !== undefined && lines.length > args.head_limit) {
		notes.push(
			`(${lines.length - args.head_limit} more lines not shown: head_limit ${args.head_limit}.)`
		);
		lines = lines.slice(0, args.head_limit);
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
function contentLines(results: FileMatches[], context: number): string[] {
	const out: string[] = [];
	const show = (text: string) =>
		cutLine(text.endsWith('\r') ? text.slice(0, -1) : text, GREP_MAX_LINE_CHARS);
	for (const result of results) {
		const isMatch = new Set(result.matched);
		let printedUpTo = -1;
		for (const index of result.matched) {
			const from = Math.max(0, index - context, printedUpTo + 1);
			const to = Math.min(result.lines.length - 1, index + context);
			// A new group: the first of a file, or one not touching the lines already shown.
			const startsGroup = printedUpTo === -1 || from > printedUpTo + 1;
			if (context > 0 && out.length > 0 && startsGroup) out.push('--');
			for (let line = from; line <= to; line++) {
				const separator = isMatch.has(line) ? ':' : '-';
				out.push(`${result.path}${separator}${line + 1}${separator}${show(result.lines[line]!)}`);
			}
			printedUpTo = Math.max(printedUpTo, to);
		}
	}
	return out;
}

/** ripgrep skips names starting with '.' below the searched folder unless asked otherwise. */
function isHidden(relative: string): boolean {
	return relative.split('/').some((part) => part.startsWith('.'));
}

/**
 * grep's glob as ripgrep reads --glob: a pattern without '/' matches a file's name at any depth,
 * one with '/' the path relative to the searched folder; a leading '!' excludes.
 */
function compileGlobFilter(glob: string | undefined): (relative: string) => boolean {
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
