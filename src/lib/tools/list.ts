import * as z from 'zod/mini';
import { described } from './described';
import { isFsError } from '../runtime';
import { OPAQUE_DIRS, type WorkspaceNode } from '../workspace';
import { defineTool } from './define-tool';
import { missingFileError } from './file-access';
import { assertNotSkipped, skippedNote } from './search-scope';
import { ToolError } from './tool-error';
import { displayPath, resolveToolPath } from './tool-paths';
import type { ToolContext, ToolResult } from './types';

export const LIST_MAX_ENTRIES = 400;

const parameters = z.strictObject({
	path: described(
		z.optional(z.string()),
		'The folder to list, relative to the project root (default: the project root).'
	)
});

export const listTool = defineTool({
	name: 'list',
	description: `Shows the files and folders under a folder as an indented tree (folders end with "/").

- path is relative to the project root (default: the whole project).
- Folders ignored by .gitignore, node_modules and .git are shown but not opened; ignored entries are marked "(ignored)".
- At most ${LIST_MAX_ENTRIES} entries: shallower levels come first and every folder gets a share; what is left out is counted. List a subfolder to see more.
- To find files by name use glob; to search contents use grep.`,
	parameters,
	readOnly: true,
	summarize: (args) => args.path ?? '.',
	async execute(args, ctx) {
		const root = resolveToolPath(args.path ?? '');
		if (root.split('/').some((part) => OPAQUE_DIRS.has(part))) return listOpaque(ctx, root);
		if (root !== '' && !ctx.workspace.isDirectory(root)) {
			assertNotSkipped(ctx, root);
			if (ctx.workspace.exists(root)) {
				throw new ToolError(`'${root}' is a file, not a folder. Use read to see its content.`);
			}
			throw missingFileError(ctx, root, 'Folder');
		}

		// Level by level, sharing what is left fairly between the folders of a level, so a large
		// project shows its outline and a bit of every folder rather than one deep corner.
		const children = new Map<string, WorkspaceNode[]>();
		const closed = new Map<string, number>();
		let budget = LIST_MAX_ENTRIES;
		let level: string[] = [root];
		while (level.length > 0) {
			const listed = level
				.map((dir) => ({ dir, entries: ctx.workspace.listDir(dir) }))
				.filter(({ entries }) => entries.length > 0)
				.sort((a, b) => a.entries.length - b.entries.length);
			const next: string[] = [];
			listed.forEach(({ dir, entries }, index) => {
				const share = Math.floor(budget / (listed.length - index));
				const taken = entries.slice(0, share);
				budget -= taken.length;
				if (taken.length > 0) children.set(dir, taken);
				if (taken.length < entries.length) closed.set(dir, entries.length - taken.length);
				for (const entry of taken) {
					if (entry.type === 'directory' && !entry.ignored) next.push(entry.path);
				}
			});
			level = next;
		}

		const lines = [root === '' ? './' : `${displayPath(root)}/`];
		const render = (dir: string, depth: number) => {
			const indent = '  '.repeat(depth);
			for (const entry of children.get(dir) ?? []) {
				const isDir = entry.type === 'directory';
				const closedCount = isDir && !entry.ignored ? closed.get(entry.path) : undefined;
				const notes = [
					entry.ignored ? '(ignored)' : '',
					closedCount !== undefined && !children.has(entry.path)
						? `(${closedCount} entries not shown)`
						: ''
				].filter(Boolean);
				lines.push(
					`${indent}${entry.name}${isDir ? '/' : ''}${notes.length ? ' ' + notes.join(' ') : ''}`
				);
				if (isDir) render(entry.path, depth + 1);
			}
			const rest = children.has(dir) ? closed.get(dir) : undefined;
			if (rest !== undefined) lines.push(`${indent}… ${rest} more entries not shown`);
		};
		render(root, 1);
		if (lines.length === 1) lines.push('  (empty folder)');
		const shown = LIST_MAX_ENTRIES - budget;
		const truncated = closed.size > 0;
		if (truncated) {
			lines.push(
				'',
				`(Showing ${shown} entries; some folders were not opened. List a subfolder to see more.)`
			);
		}
		return {
			ok: true,
			output: lines.join('\n') + skippedNote(ctx, root),
			metadata: { path: root, truncated }
		};
	}
});

/**
 * node_modules and .git are never indexed, but the model may need to look inside a package:
 * one level, straight from the runtime.
 */
async function listOpaque(ctx: ToolContext, path: string): Promise<ToolResult> {
	let entries;
	try {
		entries = await ctx.runtime.fs.readdir(path);
	} catch (error) {
		if (isFsError(error, 'ENOENT')) throw new ToolError(`Folder not found: '${path}'.`);
		if (isFsError(error, 'ENOTDIR')) {
			throw new ToolError(`'${path}' is a file, not a folder. Use read to see its content.`);
		}
		throw error;
	}
	const sorted = entries.sort((a, b) =>
		a.type === b.type
			? a.name < b.name
				? -1
				: a.name > b.name
					? 1
					: 0
			: a.type === 'directory'
				? -1
				: 1
	);
	const shown = sorted.slice(0, LIST_MAX_ENTRIES);
	const lines = [
		`${path}/`,
		...shown.map((e) => `  ${e.name}${e.type === 'directory' ? '/' : ''}`)
	];
	if (shown.length === 0) lines.push('  (empty folder)');
	if (sorted.length > shown.length)
		lines.push(`  … ${sorted.length - shown.length} more entries not shown`);
	lines.push('', '(Not indexed: one level shown. List a subfolder to go deeper.)');
	return {
		ok: true,
		output: lines.join('\n'),
		metadata: { path, truncated: sorted.length > shown.length }
	};
}
