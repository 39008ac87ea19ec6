import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './usage-error';
import { messageOf } from '../lib/errors';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * util.parseArgs with strict checking, its errors turned into UsageError with a pointer to
 * the help, so an unknown or misspelt option never runs a command with defaults.
 */
export function parseOptions<const T extends Options>(
	command: string,
	args: readonly string[],
	options: T
) {
	try {
		return parseArgs({ args: [...args], options, strict: true, allowPositionals: true });
	} catch (error) {
		const message = messageOf(error);
		throw new UsageError(`${message}\nRun 'kiln ${command} --help' to see the options.`);
	}
}

/** A required string option, with a message that says how to give it. */
export function requireOption(
	command: string,
	name: string,
	value: string | undefined,
	example: string
): string {
	if (value === undefined || value.trim() === '') {
		throw new UsageError(
			`the ${command} command needs --${name} (for example --${name} ${example}).`
		);
	}
	return value;
}

export type RuntimeChoice = 'node' | 'browser';

export function parseRuntimeChoice(value: string | undefined): RuntimeChoice {
	if (value === undefined || value === 'node') return 'node';
	if (value === 'browser') return 'browser';
	throw new UsageError(
		`Unknown --runtime '${value}'. Use 'node' (the real folder and real processes) or 'browser' (just-bash over an in-memory copy).`
	);
}
