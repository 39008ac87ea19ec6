import { EXIT_ABORTED, type CommandEnd } from '$lib/runtime';
import type { PreviewLogEntry } from '$lib/tools';

/** Which preview entries offer "Fix with Kiln": errors, not warnings or logs. */
export function isFixable(entry: PreviewLogEntry): boolean {
	return entry.level === 'error';
}

/** Whether a command's end offers "Fix with Kiln": it failed, and was not stopped with Ctrl+C. */
export function isFixableCommand(end: CommandEnd): boolean {
	return end.exitCode !== 0 && end.exitCode !== EXIT_ABORTED;
}
