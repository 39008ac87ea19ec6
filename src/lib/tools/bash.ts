import * as z from 'zod/mini';
import { described } from './described';
import { MAX_RUNNING_PROCESSES } from '../runtime';
import { startInBackground } from './bash-background';
import { defineTool } from './define-tool';
import { truncateMiddle } from './truncate';

export const BASH_DEFAULT_TIMEOUT_MS = 120_000;
/** Larger timeouts are refused by validation (the schema says so), not silently clamped. */
export const BASH_MAX_TIMEOUT_MS = 600_000;
export const BASH_MAX_OUTPUT_CHARS = 30_000;

const parameters = z.strictObject({
	command: described(
		z.string().check(z.minLength(1)),
		'The command to run, as you would type it in bash.'
	),
	timeout_ms: described(
		z.optional(z.int().check(z.gte(1000), z.lte(BASH_MAX_TIMEOUT_MS))),
		`Stop the command after this many milliseconds (default ${BASH_DEFAULT_TIMEOUT_MS}, at most ${BASH_MAX_TIMEOUT_MS}). Not used with run_in_background.`
	),
	run_in_background: described(
		z.optional(z.boolean()),
		'Start the command and return at once with its id (bash_1, bash_2…) instead of waiting for it to end: for dev servers and watchers.'
	)
});

export const bashTool = defineTool({
	name: 'bash',
	description: `Runs a shell command in the project's runtime, from the project root, and returns its output and exit code.

- The runtime's abilities differ (see the system prompt): some runtimes have no node or npm.
- Each call starts a fresh shell: cd and exported variables do not carry over; chain commands with && instead.
- A foreground command must end by itself: default timeout ${BASH_DEFAULT_TIMEOUT_MS / 1000} s, at most ${BASH_MAX_TIMEOUT_MS / 1000} s (timeout_ms), after which it is stopped.
- Servers and watchers that never exit (npm run dev, vite, node server.js): start them with run_in_background: true. The call returns within a few seconds (sooner once the process prints a URL or a ready line) with an id (bash_1, bash_2…) and the output so far; then read it with bash_output, check the page with preview where there is one, and stop it with bash_kill. At most ${MAX_RUNNING_PROCESSES} run at once. A server's URL opens in the preview pane. Where the runtime cannot run servers, the call says so.
- Do not use & or nohup in a foreground command to keep something running: use run_in_background.
- Output (stdout and stderr together) over ${BASH_MAX_OUTPUT_CHARS} characters keeps its beginning and end.
- Prefer read, edit, write, glob and grep over cat, sed, echo >, find and grep for files: they are precise and cheaper.`,
	parameters,
	readOnly: false,
	summarize: (args) =>
		`${args.command.split('\n')[0]!}${args.run_in_background ? ' (in the background)' : ''}`,
	async execute(args, ctx) {
		if (args.run_in_background) return startInBackground(args.command, ctx);
		const timeoutMs = args.timeout_ms ?? BASH_DEFAULT_TIMEOUT_MS;
		// Listed in the Processes panel while it runs, where the person can stop it.
		const byPerson = new AbortController();
		const job = ctx.runtime.processes?.track(args.command, {
			startedBy: 'agent',
			stop: () => byPerson.abort()
		});
		let exitCode = 1;
		let result;
		try {
			// No env: nothing of the app's (API keys above all) reaches commands.
			result = await ctx.runtime.exec(args.command, {
				timeoutMs,
				signal: AbortSignal.any([ctx.signal, byPerson.signal]),
				onOutput: (chunk) => {
					job?.output(chunk);
					ctx.onProgress?.(chunk);
				}
			});
			exitCode = result.exitCode;
		} finally {
			job?.end(exitCode);
		}
		const { text, truncated } = truncateMiddle(result.output, BASH_MAX_OUTPUT_CHARS);
		const body = text === '' ? '(no output)' : text.endsWith('\n') ? text.slice(0, -1) : text;
		let status: string;
		if (result.timedOut) {
			status = `Command timed out after ${timeoutMs} ms and was stopped (exit code ${result.exitCode}). If it needs longer, raise timeout_ms (at most ${BASH_MAX_TIMEOUT_MS}); if it never ends by itself (a server, a watcher), start it with run_in_background: true.`;
		} else if (result.aborted && byPerson.signal.aborted && !ctx.signal.aborted) {
			status = `Command was stopped by the person from the Processes panel (exit code ${result.exitCode}). Do not run it again as is: ask them, or find another way.`;
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
