import * as z from 'zod/mini';
import { described } from './described';
import { describeContent } from '../workspace';
import { defineTool } from './define-tool';
import { assertSeenCurrent, missingFileError, probeFile } from './file-access';
import { splitLines } from './read';
import { ToolError } from './tool-error';
import { displayPath, resolveToolPath } from './tool-paths';
import { unifiedFileDiff } from './unified-file-diff';
import { cutLine } from './truncate';

/** Lines shown around the change, so the model sees the result without reading again. */
const SNIPPET_CONTEXT = 3;
const SNIPPET_MAX_LINES = 40;

const parameters = z.strictObject({
	path: described(
		z.string().check(z.minLength(1)),
		'The file to change, relative to the project root.'
	),
	old_string: described(
		z.string(),
		'The exact text to replace, including whitespace and indentation.'
	),
	new_string: described(z.string(), 'The text to put in its place (must differ from old_string).'),
	replace_all: described(
		z.optional(z.boolean()),
		'Replace every occurrence of old_string (default false: it must occur exactly once).'
	)
});

export const editTool = defineTool({
	name: 'edit',
	description: `Replaces exact text in a file.

- Read the file (with read) in this session first; an edit to a file that changed since it was read is refused.
- old_string must match the file exactly, character for character, including indentation. Copy it from read's output without the line number and tab in front of each line.
- old_string must occur exactly once, so include enough surrounding lines to make it unique; or set replace_all to change every occurrence (for renames).
- To create a new file use write.`,
	parameters,
	readOnly: false,
	summarize: (args) => (args.replace_all ? `${args.path} (all occurrences)` : args.path),
	async execute(args, ctx) {
		const path = resolveToolPath(args.path);
		if (args.old_string === '') {
			throw new ToolError(
				'old_string is empty. Give the exact text to replace; to create a file or replace all of it, use write.'
			);
		}
		if (args.old_string === args.new_string) {
			throw new ToolError(
				'old_string and new_string are the same, so the edit would change nothing. Give the new text in new_string.'
			);
		}
		const probe = await probeFile(ctx, path);
		if (probe.kind === 'missing') throw missingFileError(ctx, path);
		if (probe.kind === 'directory') {
			throw new ToolError(`'${displayPath(path)}' is a folder, not a file; edit needs a file.`);
		}
		if (probe.info.binary || probe.info.text === undefined) {
			throw new ToolError(`'${path}' is a binary file; edit changes text files only.`);
		}
		if (!probe.info.textIsExact) {
			// Its text has U+FFFD where the bad bytes were: writing it back would destroy them.
			throw new ToolError(
				`'${path}' is not valid UTF-8 throughout (some bytes past its start are not UTF-8), so ` +
					'an edit would replace those bytes and damage the file. Change it with bash (for ' +
					'example sed -i), or convert it to UTF-8 first.'
			);
		}
		assertSeenCurrent(ctx, path, probe, 'edit it');

		const before = probe.info.text;
		let oldString = args.old_string;
		let newString = args.new_string;
		let count = countOccurrences(before, oldString);
		// read shows lines without their CR: the model's text has LF where a CRLF file has CRLF.
		if (count === 0 && before.includes('\r\n') && !oldString.includes('\r')) {
			const crlfOld = oldString.replace(/\n/g, '\r\n');
			const crlfCount = countOccurrences(before, crlfOld);
			if (crlfCount > 0) {
				oldString = crlfOld;
				newString = newString.replace(/\r?\n/g, '\r\n');
				count = crlfCount;
			}
		}
		if (count === 0) throw new ToolError(notFoundMessage(path, before, args.old_string));
		if (count > 1 && !args.replace_all) {
			throw new ToolError(
				`old_string occurs ${count} times in '${path}'. Include more surrounding lines to make it ` +
					'unique, or set replace_all to true to replace every occurrence.'
			);
		}

		const firstIndex = before.indexOf(oldString);
		const after = args.replace_all
			? before.split(oldString).join(newString)
			: before.slice(0, firstIndex) + newString + before.slice(firstIndex + oldString.length);
		await ctx.workspace.writeFile(path, after);
		const written = describeContent(new TextEncoder().encode(after));
		ctx.readTracker.record(path, {
			hash: written.hash,
			size: written.size,
			mtimeMs: undefined,
			seenAt: Date.now()
		});

		const replaced = args.replace_all ? count : 1;
		const summary = `Edited '${path}': replaced ${replaced} ${replaced === 1 ? 'occurrence' : 'occurrences'}.`;
		return {
			ok: true,
			output: `${summary}\n${snippet(after, firstIndex, newString)}`,
			metadata: { path, replacements: replaced, diff: unifiedFileDiff(path, before, after) }
		};
	}
});

function countOccurrences(text: string, search: string): number {
	let count = 0;
	for (let at = text.indexOf(search); at !== -1; at = text.indexOf(search, at + search.length)) {
		count++;
	}
	return count;
}

/** Why an old_string was not found, with the likeliest reason when one can be seen. */
function notFoundMessage(path: string, text: string, oldString: string): string {
	const base = `old_string was not found in '${path}'.`;
	if (/^\s*\d+\t/m.test(oldString) && !/^\s*\d+\t/m.test(text)) {
		return (
			`${base} It seems to contain line numbers from read's output; remove the number and tab ` +
			'at the start of each line and try again.'
		);
	}
	const squash = (value: string) => value.replace(/\s+/g, ' ').trim();
	if (squash(oldString) !== '' && squash(text).includes(squash(oldString))) {
		return (
			`${base} It does match when whitespace is ignored: the indentation, tabs versus spaces, or ` +
			'line breaks differ. Read the file again and copy the text exactly.'
		);
	}
	return `${base} Read the file again and copy the exact text you want to replace (it must match character for character).`;
}

/** The changed region with a few lines around it, numbered as read shows them. */
function snippet(after: string, index: number, inserted: string): string {
	const lines = splitLines(after);
	const startLine = after.slice(0, index).split('\n').length;
	const endLine = startLine + inserted.split('\n').length - 1;
	const from = Math.max(1, startLine - SNIPPET_CONTEXT);
	// A long replacement is shown in part: the diff in the card has all of it.
	const to = Math.min(lines.length, endLine + SNIPPET_CONTEXT, from + SNIPPET_MAX_LINES - 1);
	const width = Math.max(6, String(to).length);
	const shown: string[] = [];
	for (let line = from; line <= to; line++) {
		shown.push(`${String(line).padStart(width)}\t${cutLine(lines[line - 1] ?? '', 2000)}`);
	}
	return shown.join('\n');
}
