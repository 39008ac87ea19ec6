import { basename, dirname, isWithin } from '../runtime';
import { OPAQUE_DIRS, type WorkspaceFile } from '../workspace';
import { missingFileError } from './file-access';
import { ToolError } from './tool-error';
import { resolveToolPath } from './tool-paths';
import type { ToolContext, ToolWorkspace } from './types';

export interface SearchScope {
	/** The project-relative folder or file searched ('' for the whole project). */
	readonly base: string;
	readonly isFile: boolean;
	/** The indexed files in scope, by path. */
	readonly files: WorkspaceFile[];
}

/**
 * The files glob and grep look at. Ignored files (.gitignore, node_modules, .git) are left out,
 * except when the model names an ignored folder or file itself: then it clearly wants that one,
 * as ripgrep searches an ignored path given on its command line.
 */
export function searchScope(
	ctx: ToolContext,
	rawPath: string | undefined,
	tool: string
): SearchScope {
	const base = resolveToolPath(rawPath ?? '');
	const opaque = base.split('/').find((part) => OPAQUE_DIRS.has(part));
	if (opaque) {
		throw new ToolError(
			`'${base}' is inside ${opaque}, whose contents are not indexed, so ${tool} cannot search ` +
				`there. Use bash instead (for example: grep -rn 'text' ${base}).`
		);
	}
	assertNotSkipped(ctx, base);
	const file = base === '' ? undefined : ctx.workspace.getFile(base);
	if (file) return { base, isFile: true, files: [file] };
	if (base !== '' && !ctx.workspace.isDirectory(base)) throw missingFileError(ctx, base, 'Path');
	const includeIgnored = base !== '' && isIgnoredDir(ctx, base);
	const files = ctx.workspace
		.allFiles()
		.filter((entry) => isWithin(entry.path, base) && (includeIgnored || !entry.ignored));
	return { base, isFile: false, files };
}

function isIgnoredDir(ctx: ToolContext, path: string): boolean {
	const name = basename(path);
	return ctx.workspace.listDir(dirname(path)).some((node) => node.name === name && node.ignored);
}

/** `path` relative to `base` (both project-relative, `path` inside `base`). */
export function relativeTo(path: string, base: string): string {
	return base === '' ? path : path === base ? '' : path.slice(base.length + 1);
}

const SKIPPED_SHOWN = 5;

/**
 * A line naming the symbolic links under `base` that were not followed (a loop, or a link out
 * of the project), so a search or listing that misses them says why; '' when there are none.
 */
export function skippedNote(
	ctx: { readonly workspace?: Pick<ToolWorkspace, 'skippedEntries'> },
	base: string
): string {
	const skipped = (ctx.workspace?.skippedEntries?.() ?? []).filter((entry) =>
		isWithin(entry.path, base)
	);
	if (skipped.length === 0) return '';
	const shown = skipped
		.slice(0, SKIPPED_SHOWN)
		.map((entry) =>
			entry.reason === 'loop'
				? `'${entry.path}' is a symbolic link loop${loopTarget(entry.target, ' (back to ', ')')}`
				: `'${entry.path}' is a symbolic link leading outside the project or nowhere`
		);
	const more = skipped.length - shown.length;
	if (more > 0) shown.push(`${more} more`);
	return `\n\n(Skipped, not followed: ${shown.join('; ')}.)`;
}

/** A clear error for a path at or under a link the workspace did not follow. */
export function assertNotSkipped(ctx: ToolContext, path: string): void {
	const entry = (ctx.workspace.skippedEntries?.() ?? []).find((skipped) =>
		isWithin(path, skipped.path)
	);
	if (!entry) return;
	throw new ToolError(
		entry.reason === 'loop'
			? `'${entry.path}' is a symbolic link loop${loopTarget(entry.target, ' (it leads back to ', ')')}, so it is not searched or listed. Use the real folder instead.`
			: `'${entry.path}' is a symbolic link leading outside the project or nowhere; Kiln does not follow it. Use a path inside the project.`
	);
}

function loopTarget(target: string | undefined, before: string, after: string): string {
	return target === undefined ? '' : `${before}'${target === '' ? '.' : target}'${after}`;
}
