/**
 * The terminal's permission prompt for `kiln run`, like Claude Code's: before a command or an
 * edit the mode and rules do not allow, the person picks "Allow once", "Always for this command
 * prefix" (or, for edits, for this tool) or "Deny". Streams are injected so tests can drive it.
 */
import { createInterface } from 'node:readline/promises';
import {
	permissionAction,
	type PermissionAnswer,
	type PermissionPrompt,
	type PermissionPrompter
} from '../lib/agent/permissions';

export interface TerminalPromptOptions {
	input: NodeJS.ReadableStream;
	output: NodeJS.WritableStream;
	/** Whether the streams are a terminal (line editing, Ctrl+C arrives as a key). */
	terminal?: boolean;
	/** Ctrl+C typed at the prompt: stop the turn as Ctrl+C does elsewhere. */
	onInterrupt?: () => void;
	/** Scrubs secrets from what is printed. */
	redact?: (text: string) => string;
}

/** Questions asked again after an answer that is none of the choices, before counting as Deny. */
const MAX_TRIES = 3;

export function createTerminalPrompter(options: TerminalPromptOptions): PermissionPrompter {
	const redact = options.redact ?? ((text: string) => text);
	return async (prompt, signal) => {
		if (signal.aborted) return 'deny';
		const rl = createInterface({
			input: options.input,
			output: options.output,
			terminal: options.terminal ?? false
		});
		// The input ending (EOF), Ctrl+C and Stop all close the interface: nothing was allowed.
		const closed = new Promise<undefined>((resolve) => rl.once('close', () => resolve(undefined)));
		const close = () => rl.close();
		signal.addEventListener('abort', close, { once: true });
		rl.on('SIGINT', () => {
			options.onInterrupt?.();
			rl.close();
		});
		try {
			options.output.write(redact(describe(prompt)));
			for (let tries = 0; tries < MAX_TRIES; tries++) {
				const line = await Promise.race([
					rl.question('Choose 1, 2 or 3: ').catch(() => undefined),
					closed
				]);
				if (line === undefined) return 'deny';
				const answer = parseAnswer(line);
				if (answer) {
					if (answer === 'always') {
						options.output.write(
							redact(`Allowed from now on in this run: ${prompt.alwaysRules.join(', ')}\n`)
						);
					}
					return answer;
				}
				options.output.write('Type 1 (allow once), 2 (always) or 3 (deny).\n');
			}
			return 'deny';
		} finally {
			signal.removeEventListener('abort', close);
			rl.close();
		}
	};
}

function describe(prompt: PermissionPrompt): string {
	const what = permissionAction(prompt.toolName);
	const always =
		prompt.toolName === 'bash'
			? `Always for this command prefix (${prompt.alwaysRules.join(', ')})`
			: `Always for ${prompt.alwaysRules.join(', ')} in this run`;
	return `\nKiln wants to ${what}:\n  ${prompt.summary}\n  1) Allow once\n  2) ${always}\n  3) Deny\n`;
}

function parseAnswer(line: string): PermissionAnswer | undefined {
	const text = line.trim().toLowerCase();
	if (['1', 'y', 'yes', 'allow'].includes(text)) return 'allow';
	if (['2', 'a', 'always'].includes(text)) return 'always';
	if (['3', 'n', 'no', 'd', 'deny'].includes(text)) return 'deny';
	return undefined;
}
