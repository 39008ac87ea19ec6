import type { FileHandle } from 'node:fs/promises';
import type { SessionEvent } from '../lib/agent';

/**
 * Writes each event to `file` as one JSON line, secrets scrubbed, before the agent goes on. A
 * write that fails (a full disk) must not stop the turn: writing stops there, and `onFailure`
 * hears of it once.
 */
export function jsonLinesWriter(
	file: FileHandle,
	redact: (text: string) => string,
	onFailure: (error: Error) => Promise<void> | void
): (event: SessionEvent) => Promise<void> {
	let failed = false;
	return async (event) => {
		if (failed) return;
		try {
			await file.write(`${redact(JSON.stringify(event))}\n`);
		} catch (error) {
			failed = true;
			await onFailure(error instanceof Error ? error : new Error(String(error)));
		}
	};
}
