import { readFile } from 'node:fs/promises';
import { UsageError } from './usage-error';
import { messageOf } from '../lib/errors';

/**
 * The key from --api-key or --api-key-file (`-` reads standard input). A key on the command line
 * is visible to every process on the machine (ps, /proc/<pid>/cmdline, shell history); a file or
 * a pipe is not, which is why the help recommends them.
 */
export async function readApiKeyOption(
	inline: string | undefined,
	file: string | undefined,
	stdin: NodeJS.ReadableStream = process.stdin
): Promise<string | undefined> {
	if (file === undefined) return inline;
	if (inline !== undefined) {
		throw new UsageError('Pass the key once: either --api-key or --api-key-file, not both.');
	}
	let text: string;
	try {
		text = file === '-' ? await readAll(stdin) : await readFile(file, 'utf8');
	} catch (error) {
		const reason = messageOf(error);
		throw new UsageError(`--api-key-file '${file}' could not be read (${reason}).`);
	}
	const key = text.trim();
	if (key === '' || /\s/.test(key)) {
		throw new UsageError(
			`--api-key-file '${file}' should hold just the key, on one line; it ${key === '' ? 'is empty' : 'holds more than one word'}.`
		);
	}
	return key;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
	let text = '';
	for await (const chunk of stream) text += typeof chunk === 'string' ? chunk : chunk.toString();
	return text;
}
