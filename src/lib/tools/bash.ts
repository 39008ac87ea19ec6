import * as z from 'zod';
import { defineTool } from './define-tool';
import { truncateMiddle } from './truncate';

export const BASH_DEFAULT_TIMEOUT_MS = 120_000;
/** Larger timeouts are refused by validation (the schema says so), not silently clamped. */
export const BASH_MAX_TIMEOUT_MS = 600_000;
export const BASH_MAX_OUTPUT_CHARS = 30_000;

const parameters = z.strictObject({
	command: z.string().min(1).describe('The command to run, as you would type it in bash.'),
	timeout_ms: z
		.number()
		.int()
		.min(1000)
		.max(BASH_MAX_TIMEOUT_MS)
		.optional()
		.describe(
			`Stop the command after this many milliseconds (default ${BASH_DEFAULT_TIMEOUT_MS}, at most ${BASH_MAX_TIMEOUT_MS}).`
		)
});

export const bashTool = defineTool({
	name: 'bash',
	description: `Runs a shell command in the project's runtime, from the project root, and returns its output and exit code.

- The runtime's abilities differ (see the system prompt): some runtimes have no node or npm.
- Each call starts a fresh shell: cd and exported variables do not carry over; chain commands with && instead.
- Default timeout ${BASH_DEFAULT_TIMEOUT_MS / 1000} s, at most ${BASH_MAX_TIMEOUT_MS / 1000} s (timeout_ms). Do not start servers or watchers that never exit.
- Output (stdout and stderr together) over ${BASH_MAX_OUTPUT_CHARS} characters keeps its beginning and end.
- Prefer read, edit, write, glob and grep over cat, sed, echo >, find and grep for files: they are precise and cheaper.`,
	parameters,
	readOnly: false,
	summarize: (args) => args.command.split('\n')[0]!,
	async execute(args, ctx) {
		const timeoutMs = args.timeout_ms ?? BASH_DEFAULT_TIMEOUT_MS;
		// No env: nothing of the app's (API keys above all) reaches commands.
		const result = await ctx.runtime.exec(args.command, {
			timeoutMs,
			signal: ctx.signal,
			onOutput: ctx.onProgress ? (chunk) => ctx.onProgress?.(chunk) : undefined
		});
		const { text, truncated } = truncateMiddle(result.output, BASH_MAX_OUTPUT_CHARS);
		const body = text === '' ? '(no output)' : text.endsWith('\n') ? text.slice(0, -1) : text;
		let status: string;
		if (result.timedOut) {
			status = `Command timed out after ${timeoutMs} ms and was stopped (exit code ${result.exitCode}). If it needs longer, raise timeout_ms (at most ${BASH_MAX_TIMEOUT_MS}); if it never ends by itself (a server, a watcher), do not run it here.`;
		} else if (result.aborted) {
			status = `Command was stopped by the user (exit code ${result.exitCode}).`;
		} else {
			status = `Exit code: ${result.exitCode}`;
		}
		// The runtime kept only the start and end of a very long output: say how much is gone,
		// which the characters cut here alone would understate.
		const omitted = result.omittedBytes ?? 0;
		if (omitted > 0) {
			status += `\n(The command printed ${omitted.toLocaleString('en-US')} more bytes in the middle that were not kept. Redirect long output to a file and search it with grep.)`;
		}
		return {
			ok: !result.timedOut && !result.aborted,
			output: `${body}\n\n${status}`,
			metadata: {
				exitCode: result.exitCode,
				timedOut: result.timedOut,
				aborted: result.aborted,
				truncated: truncated || omitted > 0
			}
		};
	}
});
