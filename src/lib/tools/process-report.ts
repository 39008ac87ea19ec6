/**
 * How bash (run_in_background), bash_output and bash_kill describe a background process to
 * the model: one status line, its URL, and its new output bounded like bash's.
 */
import {
	describeProcessStatus,
	ProcessError,
	type BackgroundProcesses,
	type ProcessInfo,
	type ProcessOutputRead
} from '../runtime';
import { ToolError } from './tool-error';
import { truncateMiddle } from './truncate';

/** Output of one read, at most: the same bound as a foreground command's. */
export const PROCESS_READ_MAX_CHARS = 30_000;

export function formatProcessReport(
	info: ProcessInfo,
	read: ProcessOutputRead,
	heading: string
): string {
	const lines = [`${info.id}: ${describeProcessStatus(info)}`, `Command: ${info.command}`];
	if (info.url) lines.push(`URL: ${info.url}`);
	const { text } = truncateMiddle(read.text, PROCESS_READ_MAX_CHARS);
	const body = text.endsWith('\n') ? text.slice(0, -1) : text;
	lines.push('', `${heading}:`, body === '' ? '(no new output)' : body);
	if (read.droppedChars > 0) {
		lines.push(
			`(${read.droppedChars.toLocaleString('en-US')} characters printed since the previous read were no longer kept; read more often to see everything.)`
		);
	}
	return lines.join('\n');
}

/** The runtime's process table, or a tool error saying there is none. */
export function processTable(runtime: { processes?: BackgroundProcesses }): BackgroundProcesses {
	if (!runtime.processes) {
		throw new ToolError(
			'This runtime has no background processes. Run commands in the foreground with bash.'
		);
	}
	return runtime.processes;
}

/** Runs a table call, turning its refusals (an unknown id, a full table) into tool errors. */
export async function asToolError<T>(run: () => T | Promise<T>): Promise<T> {
	try {
		return await run();
	} catch (error) {
		if (error instanceof ProcessError) throw new ToolError(error.message);
		throw error;
	}
}
