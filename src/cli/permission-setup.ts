/**
 * What `kiln run` hands the agent's permission layer: the mode and rules from its options and,
 * when stdin and stdout are a terminal, the prompt that asks the person.
 */
import type { AgentMode, PermissionRule, PermissionSetup } from '../lib/agent/permissions';
import type { CliOutput } from './output';
import { resolvePermissionOptions } from './permission-options';
import { createTerminalPrompter } from './permission-prompt';

export interface CliPermissions {
	readonly mode: AgentMode;
	readonly setup: PermissionSetup;
}

export function cliPermissions(
	values: { 'permission-mode'?: string; allow?: string[]; deny?: string[] },
	output: CliOutput,
	streams: { input: NodeJS.ReadStream; output: NodeJS.WriteStream } = {
		input: process.stdin,
		output: process.stdout
	}
): CliPermissions {
	const interactive = Boolean(streams.input.isTTY && streams.output.isTTY);
	const { mode, rules } = resolvePermissionOptions(
		{ mode: values['permission-mode'], allow: values.allow, deny: values.deny },
		interactive
	);
	// "Always" answers add to these for the rest of the run (not stored: pass --allow next time).
	const active: PermissionRule[] = [...rules];
	return {
		mode,
		setup: {
			rules: () => active,
			addRules: (added) => void active.push(...added),
			...(interactive
				? {
						prompt: createTerminalPrompter({
							input: streams.input,
							output: streams.output,
							terminal: true,
							redact: output.redact,
							// Ctrl+C at the prompt arrives as a key, not a signal: run the SIGINT handlers now, so the
							// turn is stopped before the prompt's answer (deny) is taken.
							onInterrupt: () => void process.emit('SIGINT', 'SIGINT')
						})
					}
				: {})
		}
	};
}
