import * as z from 'zod/mini';
import { described } from './described';
import { defineTool } from './define-tool';
import { missingFileError, probeFile, readRecordOf } from './file-access';
import { ToolError } from './tool-error';
import { displayPath, resolveToolPath } from './tool-paths';
import { cutLine } from './truncate';

export const READ_DEFAULT_LIMIT = 2000;
export const READ_MAX_LINE_CHARS = 2000;
/** Whole-file reads stop here: past this the model must pick a part with offset and limit. */
export const READ_MAX_FILE_BYTES = 2 * 1024 * 1024;
/** A read's output stops at a line boundary before this many characters. */
export const READ_MAX_OUTPUT_CHARS = 100_000;

const parameters = z.strictObject({
	path: described(
		z.string().check(z.minLength(1)),
		'The file to read, relative to the project root.'
	),
	offset: described(
		z.optional(z.int().check(z.gte(1))),
		'The line number to start reading from (1-based). Only for large files.'
	),
	limit: described(
		z.optional(z.int().check(z.gte(1))),
		`How many lines to read (default ${READ_DEFAULT_LIMIT}).`
	)
});

export const readTool = defineTool({
	name: 'read',
	description: `Reads a text file from the project.

- path is relative to the project root; a leading / also means the project root.
- Returns at most ${READ_DEFAULT_LIMIT} lines by default, each as "<line number><tab><line>" (cat -n style). The number and tab are not part of the file: never include them in edit's old_string.
- For large files, read a part with offset (1-based first line) and limit.
- Lines longer than ${READ_MAX_LINE_CHARS} characters are cut, with a marker.
- A file must be read before edit or write may change it.
- Binary files and folders are refused with an explanation (use list for folders).`,
	parameters,
	readOnly: true,
	summarize: (args) =>
		args.offset || args.limit
			? `${args.path} (lines ${args.offset ?? 1}–${(args.offset ?? 1) + (args.limit ?? READ_DEFAULT_LIMIT) - 1})`
			: args.path,
	async execute(args, ctx) {
		const path = resolveToolPath(args.path);
		const probe = await probeFile(ctx, path);
		if (probe.kind === 'missing') throw missingFileError(ctx, path);
		if (probe.kind === 'directory') {
			throw new ToolError(
				`'${displayPath(path)}' is a folder, not a file. Use list to see what it contains.`
			);
		}
		const { info } = probe;
		if (info.binary || info.text === undefined) {
			// No NUL byte: most likely text in a legacy encoding (Latin-1, Windows-1252), not binary data.
			const what = probe.bytes.subarray(0, 8192).includes(0)
				? 'a binary file'
				: 'not UTF-8 text (perhaps another encoding, such as Latin-1)';
			throw new ToolError(
				`'${path}' is ${what} (${formatSize(info.size)}); read shows UTF-8 text files only. ` +
					`Use bash (for example 'file ${path}' or 'xxd ${path} | head') to inspect it.`
			);
		}
		const partial = args.offset !== undefined || args.limit !== undefined;
		if (info.size > READ_MAX_FILE_BYTES && !partial) {
			throw new ToolError(
				`'${path}' is ${formatSize(info.size)}, too large to read at once. Read a part with ` +
					`offset and limit (for example offset 1, limit 200), or find the lines you need with grep.`
			);
		}
		ctx.readTracker.record(path, readRecordOf(probe));

		const lines = splitLines(info.text);
		if (lines.length === 0) {
			return { ok: true, output: `(The file '${path}' is empty.)`, metadata: { path } };
		}
		const offset = args.offset ?? 1;
		if (offset > lines.length) {
			throw new ToolError(
				`offset ${offset} is past the end of '${path}', which has ${lines.length} lines. ` +
					`Use an offset between 1 and ${lines.length}.`
			);
		}
		const limit = args.limit ?? READ_DEFAULT_LIMIT;
		const end = Math.min(lines.length, offset - 1 + limit);
		const width = String(end).length;
		const out: string[] = [];
		let size = 0;
		let last = offset - 1;
		for (let index = offset - 1; index < end; index++) {
			const numbered = `${String(index + 1).padStart(Math.max(6, width))}\t${cutLine(lines[index]!, READ_MAX_LINE_CHARS)}`;
			if (size + numbered.length > READ_MAX_OUTPUT_CHARS && out.length > 0) break;
			out.push(numbered);
			size += numbered.length + 1;
			last = index + 1;
		}
		const notes: string[] = [];
		if (!info.textIsExact) {
			notes.push(
				'(Some bytes of this file are not valid UTF-8; they are shown as �. edit refuses it.)'
			);
		}
		if (last < lines.length) {
			const why =
				last < end
					? `Output stopped at line ${last} to stay under ${READ_MAX_OUTPUT_CHARS} characters.`
					: `Showing lines ${offset}–${last} of ${lines.length}.`;
			notes.push(`(${why} Continue with offset ${last + 1}.)`);
		}
		return {
			ok: true,
			output: [...out, ...(notes.length ? ['', ...notes] : [])].join('\n'),
			metadata: { path, truncated: last < lines.length }
		};
	}
});

/** Lines as an editor shows them: no final empty line after a trailing newline, no CR, no BOM. */
export function splitLines(text: string): string[] {
	if (text === '') return [];
	const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
	const lines = body.split('\n');
	if (lines[lines.length - 1] === '') lines.pop();
	return lines.map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
}

export function formatSize(bytes: number): string {
	if (bytes < 1024) return `${bytes} bytes`;
	if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
	return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
