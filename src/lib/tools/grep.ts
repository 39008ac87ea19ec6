import * as z from 'zod/mini';
import { described } from './described';
import { defineTool } from './define-tool';
import { extraIgnores } from './extra-ignores';
import { compileGlobFilter, formatGrepResults, isHidden } from './grep-engine';
import { defaultGrepWorker, type GrepWorkerFactory } from './grep-worker-client';
import { nativeGrep, noMatchesOutput } from './grep-native';
import { compileSearchPattern } from './regex';
import { relativeTo, searchScope, skippedNote } from './search-scope';
import { gatherSearchTexts, searchTexts } from './search-files';
import { ToolError } from './tool-error';

export { GREP_MAX_OUTPUT_CHARS } from './grep-engine';

const parameters = z.strictObject({
	pattern: described(
		z.string().check(z.minLength(1)),
		'The regular expression to search for (JavaScript syntax).'
	),
	path: described(
		z.optional(z.string()),
		'A folder or file to search, relative to the project root (default: the whole project).'
	),
	glob: described(
		z.optional(z.string()),
		'Only search files matching this glob, e.g. "*.ts" (any depth, by name), "src/**/*.svelte" or "!*.test.ts" (exclude).'
	),
	output_mode: described(
		z.optional(z.enum(['files', 'content', 'count'])),
		'"files" (default): paths of matching files; "content": matching lines as path:line:text; "count": path:number of matching lines.'
	),
	ignore_case: described(z.optional(z.boolean()), 'Match case-insensitively (default false).'),
	context: described(
		z.optional(z.int().check(z.gte(0), z.lte(50))),
		'Lines of context before and after each match (content mode only).'
	),
	head_limit: described(
		z.optional(z.int().check(z.gte(1))),
		'Return only the first N lines of output.'
	)
});

export type GrepArgs = z.infer<typeof parameters>;

let grepWorkerFactory: GrepWorkerFactory = defaultGrepWorker;

/** Tests: the worker big searches use (a double, or one that never starts). */
export function setGrepWorkerFactory(factory: GrepWorkerFactory): void {
	grepWorkerFactory = factory;
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
		// A bad pattern is reported before anything runs (searchTexts compiles it again).
		compileSearchPattern(args.pattern, args.ignore_case ?? false);
		const mode = args.output_mode ?? 'files';
		if (args.context !== undefined && mode !== 'content') {
			throw new ToolError(
				'context applies to output_mode "content" only; set output_mode to "content" or drop context.'
			);
		}
		const globFilter = compileGlobFilter(args.glob);
		// ripgrep where the runtime has it and the pattern means the same in its dialect.
		const native = await nativeGrep(args, ctx);
		if (native) return native;

		const scope = searchScope(ctx, args.path, 'grep');
		const isExtraIgnored = extraIgnores(ctx.workspace);

		// Gathered first (cheap: the index holds the texts), then searched here or in a worker.
		const gathered = gatherSearchTexts(ctx.workspace, scope.files, (file) => {
			if (scope.isFile) return true;
			const relative = relativeTo(file.path, scope.base);
			return !isHidden(relative) && !isExtraIgnored(file.path) && globFilter(relative);
		});
		const results = await searchTexts(gathered, {
			pattern: args.pattern,
			ignoreCase: args.ignore_case ?? false,
			firstOnly: mode === 'files',
			context: args.context ?? 0,
			signal: ctx.signal,
			worker: grepWorkerFactory
		});

		if (results.length === 0)
			return noMatchesOutput(args, scope.base, skippedNote(ctx, scope.base));
		const result = formatGrepResults(results, {
			mode,
			context: args.context,
			headLimit: args.head_limit
		});
		return { ...result, output: result.output + skippedNote(ctx, scope.base) };
	}
});
