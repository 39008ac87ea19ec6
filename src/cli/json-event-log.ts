import { open } from 'node:fs/promises';
import { memorySessionLog, type SessionLog } from '../lib/agent';
import { jsonLinesWriter } from './json-lines';

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
	// The log says it is incomplete, once.
	const write = jsonLinesWriter(file, redact, (failure) =>
		file
			.write(`{"type":"kiln-json-log-error","message":${JSON.stringify(failure.message)}}\n`)
			.then(
				() => undefined,
				() => undefined
			)
	);
	return {
		get events() {
			return memory.events;
		},
		async append(event) {
			await memory.append(event);
			await write(event);
		},
		// Images stay in memory: the JSON lines name them by hash only.
		putImage: (image) => memory.putImage(image),
		image: (hash) => memory.image(hash),
		close: () => file.close()
	};
}
