import { isFsError } from '../runtime';
import { describeContent, type ContentInfo } from '../workspace';
import { ToolError } from './tool-error';
import { suggestPaths } from './suggest-paths';
import type { ReadRecord, ToolContext } from './types';

export type FileProbe =
	| { readonly kind: 'missing' }
	| { readonly kind: 'directory' }
	| {
			readonly kind: 'file';
			readonly bytes: Uint8Array;
			readonly info: ContentInfo;
			readonly mtimeMs: number | undefined;
	  };

/**
 * What is at `path` right now, read from the runtime rather than the index: a command may have
 * changed the file a moment ago and the index only learns of it through watch.
 */
export async function probeFile(ctx: ToolContext, path: string): Promise<FileProbe> {
	if (path === '' || ctx.workspace.isDirectory(path)) return { kind: 'directory' };
	let bytes: Uint8Array;
	try {
		bytes = await ctx.workspace.readBytes(path);
	} catch (error) {
		if (isFsError(error, 'ENOENT') || isFsError(error, 'ENOTDIR')) return { kind: 'missing' };
		if (isFsError(error, 'EISDIR')) return { kind: 'directory' };
		throw error;
	}
	let mtimeMs: number | undefined;
	try {
		mtimeMs = (await ctx.runtime.fs.stat?.(path))?.mtimeMs;
	} catch {
		mtimeMs = undefined;
	}
	return { kind: 'file', bytes, info: describeContent(bytes), mtimeMs };
}

export function readRecordOf(probe: Extract<FileProbe, { kind: 'file' }>): ReadRecord {
	return {
		hash: probe.info.hash,
		size: probe.info.size,
		mtimeMs: probe.mtimeMs,
		seenAt: Date.now()
	};
}

/** The error for a path that does not exist, with near names when there are some. */
export function missingFileError(ctx: ToolContext, path: string, what = 'File'): ToolError {
	const similar = suggestPaths(ctx.workspace, path);
	const hint = similar.length
		? ` Did you mean: ${similar.map((p) => `'${p}'`).join(', ')}?`
		: ' Use glob or list to find the right path.';
	return new ToolError(`${what} not found: '${path}'.${hint}`);
}

/**
 * write and edit may change an existing file only after the agent has seen its current content:
 * otherwise the model would overwrite work it never saw (the person's edits, a generator's output).
 */
export function assertSeenCurrent(
	ctx: ToolContext,
	path: string,
	probe: Extract<FileProbe, { kind: 'file' }>,
	action: string
): void {
	const seen = ctx.readTracker.get(path);
	if (!seen) {
		throw new ToolError(
			`'${path}' already exists and has not been read in this session. Read it with the read ` +
				`tool first, then ${action}.`
		);
	}
	if (seen.hash !== probe.info.hash || seen.size !== probe.info.size) {
		throw new ToolError(
			`'${path}' has changed since it was last read (by the person or a command). Read it ` +
				`again to see its current content, then ${action}.`
		);
	}
}
