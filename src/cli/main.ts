import { createCliOutput, type CliOutput } from './output';
import { MAIN_HELP, RUN_HELP, SESSIONS_HELP, TOOL_HELP } from './command-help';
import { UsageError } from './usage-error';

type Command = (args: readonly string[], output: CliOutput) => Promise<number>;

// Loaded on use, so `kiln tool` never loads the agent and `kiln help` loads neither.
const COMMANDS: Record<string, { help: string; load: () => Promise<Command> }> = {
	tool: { help: TOOL_HELP, load: async () => (await import('./tool-command')).toolCommand },
	run: { help: RUN_HELP, load: async () => (await import('./run-command')).runCommand },
	sessions: {
		help: SESSIONS_HELP,
		load: async () => (await import('./sessions-command')).sessionsCommand
	}
};

/**
 * Runs the CLI and resolves to the process exit code: 0 success, 1 the tool or the turn
 * failed, 2 the CLI was called wrongly. Never throws.
 */
export async function main(
	argv: readonly string[],
	output: CliOutput = createCliOutput()
): Promise<number> {
	const [command, ...rest] = argv;
	try {
		if (command === undefined || command === '--help' || command === '-h') {
			output.out(MAIN_HELP);
			return 0;
		}
		if (command === 'help') return help(rest[0], output);
		const entry = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
		if (!entry) {
			throw new UsageError(
				`Unknown command '${command}'. The commands are: ${Object.keys(COMMANDS).join(', ')}, help.`
			);
		}
		const run = await entry.load();
		return await run(rest, output);
	} catch (error) {
		if (error instanceof UsageError) {
			output.err(`kiln: ${error.message}\n`);
			return 2;
		}
		const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
		output.err(`kiln: unexpected failure, please report it.\n${detail}\n`);
		return 1;
	}
}

function help(topic: string | undefined, output: CliOutput): number {
	if (topic === undefined) {
		output.out(MAIN_HELP);
		return 0;
	}
	const entry = Object.hasOwn(COMMANDS, topic) ? COMMANDS[topic] : undefined;
	if (!entry)
		throw new UsageError(
			`No help for '${topic}': the commands are ${Object.keys(COMMANDS).join(', ')}.`
		);
	output.out(entry.help);
	return 0;
}
