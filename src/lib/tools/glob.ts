import picomatch from 'picomatch/posix';
import * as z from 'zod/mini';
import { described } from './described';
import { defineTool } from './define-tool';
import { relativeTo, searchScope, skippedNote } from './search-scope';
import { ToolError } from './tool-error';
import { displayPath } from './tool-paths';
import { messageOf } from '../errors';

export const GLOB_MAX_RESULTS = 100;

const parameters = z.strictObject({
	pattern: described(
		z.string().check(z.minLength(1)),
		'A glob pattern such as "**/*.ts" or "src/**/*.{css,svelte}".'
	),
	path: described(
		z.optional(z.string()),
		'The folder to search in, relative to the project root (default: the whole project).'
	)
});

export const globTool = defineTool({
	name: 'glob',
	description: `Finds files by name with a glob pattern.

- Patterns match paths relative to the searched folder: "*.ts" matches only at its top level, "**/*.ts" at any depth; "{a,b}" alternatives and "[abc]" classes work.
- Files ignored by .gitignore, and anything in node_modules or .git, are skipped.
- Returns project-relative paths, the most recently modified first, at most ${GLOB_MAX_RESULTS}.
- To search inside files, use grep.`,
	parameters,
	readOnly: true,
	summarize: (args) => (args.path ? `${args.pattern} in ${args.path}` : args.pattern),
	async execute(args, ctx) {
		const scope = searchScope(ctx, args.path, 'glob');
		if (scope.isFile) {
			throw new ToolError(
				`'${scope.base}' is a file; glob's path must be a folder. Use read to see the file.`
			);
		}
		const pattern = args.pattern.replace(/^\.\//, '').replace(/^\/+/, '');
		let isMatch: (path: string) => boolean;
		try {
			isMatch = picomatch(pattern, { dot: true });
		} catch (error) {
			throw new ToolError(`Invalid glob pattern '${args.pattern}': ${messageOf(error)}.`);
		}
		const matches = scope.files
			.filter((file) => isMatch(relativeTo(file.path, scope.base)))
			.sort((a, b) => b.mtimeMs - a.mtimeMs || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));

		const where = scope.base === '' ? '' : ` in '${displayPath(scope.base)}'`;
		if (matches.length === 0) {
			const hint =
				!pattern.includes('/') && !pattern.startsWith('**')
					? ` "${pattern}" matches only at the top level of the folder; use "**/${pattern}" to search all folders.`
					: '';
			return {
				ok: true,
				output: `No files match '${args.pattern}'${where}.${hint}${skippedNote(ctx, scope.base)}`,
				metadata: { count: 0 }
			};
		}
		const shown = matches.slice(0, GLOB_MAX_RESULTS).map((file) => file.path);
		const rest = matches.length - shown.length;
		if (rest > 0) shown.push(`(${rest} more not shown; narrow the pattern or the path.)`);
		return {
			ok: true,
			output: shown.join('\n') + skippedNote(ctx, scope.base),
			metadata: { count: matches.length, truncated: rest > 0 }
		};
	}
});
