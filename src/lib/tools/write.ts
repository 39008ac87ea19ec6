import * as z from 'zod/mini';
import { described } from './described';
import { describeContent } from '../workspace';
import { defineTool } from './define-tool';
import { assertSeenCurrent, probeFile } from './file-access';
import { ToolError } from './tool-error';
import { assertCreatablePath, displayPath, resolveToolPath } from './tool-paths';
import { unifiedFileDiff } from './unified-file-diff';
import { splitLines } from './read';

const parameters = z.strictObject({
	path: described(
		z.string().check(z.minLength(1)),
		'The file to write, relative to the project root.'
	),
	content: described(z.string(), 'The complete new content of the file.')
});

export const writeTool = defineTool({
	name: 'write',
	description: `Creates a file, or replaces a file's whole content.

- path is relative to the project root; missing parent folders are created.
- To replace an existing file you must have read it in this session (with read), and it must not have changed since; otherwise the write is refused.
- For changes to part of an existing file, prefer edit: it is smaller and safer.`,
	parameters,
	readOnly: false,
	summarize: (args) => args.path,
	async execute(args, ctx) {
		const path = resolveToolPath(args.path);
		const probe = await probeFile(ctx, path);
		if (probe.kind === 'directory') {
			throw new ToolError(
				`'${displayPath(path)}' is a folder; write needs a file path inside it, like '${path ? path + '/' : ''}index.ts'.`
			);
		}
		if (probe.kind === 'missing') assertCreatablePath(path);
		let before = '';
		if (probe.kind === 'file') {
			// read refuses binary files, so requiring a read first would make them unwritable.
			if (!probe.info.binary) assertSeenCurrent(ctx, path, probe, 'write it');
			before = probe.info.text ?? '';
		}
		await ctx.workspace.writeFile(path, args.content);
		const written = describeContent(new TextEncoder().encode(args.content));
		ctx.readTracker.record(path, {
			hash: written.hash,
			size: written.size,
			mtimeMs: undefined,
			seenAt: Date.now()
		});
		const created = probe.kind === 'missing';
		const lineCount = splitLines(args.content).length;
		return {
			ok: true,
			output: `${created ? 'Created' : 'Wrote'} '${path}' (${lineCount} ${lineCount === 1 ? 'line' : 'lines'}).`,
			metadata: { path, created, diff: unifiedFileDiff(path, before, args.content) }
		};
	}
});
