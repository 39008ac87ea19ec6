/**
 * The message "Fix with Kiln" sends: what failed, where, and a bounded stack or output tail.
 * Bounded because a page can throw a megabyte-long message and a build can print thousands of
 * lines; the model needs the error and its nearest context, and the rest would only cost tokens.
 */
import { createOutputCleaner, type CommandEnd } from '$lib/runtime';
import type { PreviewLogEntry } from '$lib/tools';

const MAX_TEXT_CHARS = 2000;
const MAX_STACK_LINES = 15;
const MAX_OUTPUT_LINES = 40;
const MAX_OUTPUT_CHARS = 3000;
const MAX_COMMAND_CHARS = 500;

const KIND_WORDS: Record<PreviewLogEntry['kind'], string> = {
	console: 'an error logged to the console',
	error: 'an uncaught error',
	rejection: 'an unhandled promise rejection',
	'request-failed': 'a failed request',
	navigation: 'a navigation'
};

export function previewErrorMessage(entry: PreviewLogEntry): string {
	const lines = [
		`The preview page reported ${KIND_WORDS[entry.kind]}. Please find the cause and fix it.`,
		'',
		fenced(clip(entry.text.trim(), MAX_TEXT_CHARS))
	];
	if (entry.source) {
		const { path, line, column } = entry.source;
		lines.push(`Source: ${path}:${line}${column === undefined ? '' : `:${column}`}`);
	}
	if (entry.url !== undefined) {
		const status =
			entry.status === undefined
				? ''
				: entry.status === 0
					? ' (network error)'
					: ` (HTTP ${entry.status})`;
		lines.push(`URL: ${entry.url}${status}`);
	}
	const stack = entry.stack?.trim();
	if (stack)
		lines.push(
			'',
			'Stack:',
			fenced(lastLines(clip(stack, MAX_TEXT_CHARS), MAX_STACK_LINES, 'first'))
		);
	return lines.join('\n');
}

export function terminalFailureMessage(end: CommandEnd): string {
	const cleaner = createOutputCleaner();
	const output = (cleaner.push(end.output) + cleaner.flush()).replace(/\r/g, '').trim();
	const command = clip(end.command.trim(), MAX_COMMAND_CHARS);
	const lines = [
		`This command failed in the terminal with exit code ${end.exitCode}. Please find the cause and fix it.`,
		'',
		fenced(command, 'sh')
	];
	if (output) {
		const tail = lastLines(output.slice(-MAX_OUTPUT_CHARS), MAX_OUTPUT_LINES, 'last');
		lines.push('', 'The end of its output:', fenced(tail));
	} else lines.push('', 'It printed nothing.');
	return lines.join('\n');
}

function clip(text: string, max: number): string {
	return text.length <= max
		? text
		: `${text.slice(0, max)}… (${text.length - max} more characters)`;
}

/** Keeps `count` lines: a stack's first (the throw site), an output's last (where it failed). */
function lastLines(text: string, count: number, keep: 'first' | 'last'): string {
	const all = text.split('\n');
	if (all.length <= count) return text;
	const omitted = `… (${all.length - count} more lines)`;
	return keep === 'first'
		? [...all.slice(0, count), omitted].join('\n')
		: [omitted, ...all.slice(-count)].join('\n');
}

/** A code fence longer than any backtick run inside, so the text cannot close it early. */
function fenced(text: string, language = ''): string {
	const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((run) => run.length));
	const fence = '`'.repeat(longest + 1);
	return `${fence}${language}\n${text}\n${fence}`;
}
