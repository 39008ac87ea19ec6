import { open } from 'node:fs/promises';
import { memorySessionLog, type SessionLog } from '../lib/agent';

export interface JsonEventLog extends SessionLog {
	close(): Promise<void>;
}

/**
 * The session log of `kiln run --json FILE`: every event is appended to FILE as one JSON line
 * (JSON Lines) before the agent goes on, so a crash or a kill leaves every event up to it on
 * disk. Secrets are scrubbed from each line first.
 */
export async function openJsonEventLog(
	path: string,
	redact: (text: string) => string
): Promise<JsonEventLog> {
	const file = await open(path, 'w');
	const memory = memorySessionLog();
	let failure: Error | undefined;
	return {
		get events() {
			return memory.events;
		},
		async append(event) {
			await memory.append(event);
			if (failure) return;
			try {
				await file.write(`${redact(JSON.stringify(event))}\n`);
			} catch (error) {
				// A full disk must not stop the turn; the log says it is incomplete, once.
				failure = error instanceof Error ? error : new Error(String(error));
				await file
					.write(`{"type":"kiln-json-log-error","message":${JSON.stringify(failure.message)}}\n`)
					.catch(() => undefined);
			}
		},
		close: () => file.close()
	};
}
