import { resolve } from 'node:path';
import { createNodeRuntime } from '../lib/runtime/node';
import { loadNativeGrep, TOOL_NAMES } from '../lib/tools/lean';
import type { ToolResult } from '../lib/tools';
import { TOOL_HELP } from './command-help';
import { abortOnInterrupt } from './interrupt';
import { keysInEnvironment, scrubKeyVariables } from './key-variables';
import type { CliOutput } from './output';
import { parseOptions, parseRuntimeChoice, requireOption } from './parse-options';
import { UsageError } from './usage-error';
import { messageOf } from '../lib/errors';

export async function toolCommand(args: readonly string[], output: CliOutput): Promise<number> {
	const { values, positionals } = parseOptions('tool', args, {
		dir: { type: 'string' },
		args: { type: 'string' },
		runtime: { type: 'string' },
		json: { type: 'boolean' },
		help: { type: 'boolean', short: 'h' }
	});
	if (values.help) {
		output.out(TOOL_HELP);
		return 0;
	}
	const [name, ...extra] = positionals;
	if (name === undefined) {
		throw new UsageError(`the tool command needs a tool name: one of ${TOOL_NAMES.join(', ')}.`);
	}
	if (extra.length > 0) {
		throw new UsageError(
			`Unexpected argument '${extra[0]}'. Pass the tool's arguments as JSON with --args.`
		);
	}
	if (!(TOOL_NAMES as readonly string[]).includes(name)) {
		throw new UsageError(
			`There is no tool named '${name}'. The tools are: ${TOOL_NAMES.join(', ')}.`
		);
	}
	const dir = requireOption('tool', 'dir', values.dir, '.');
	const toolArgs = parseJsonArgs(values.args);
	const runtimeChoice = parseRuntimeChoice(values.runtime);

	// As in `run`: keys are redacted from what is printed, and a bash call sees the environment
	// the agent's commands would see.
	for (const key of keysInEnvironment(process.env)) output.addSecret(key);
	scrubKeyVariables(process.env);
	const controller = new AbortController();
	const release = abortOnInterrupt(controller, () =>
		output.err('Stopping the tool (press Ctrl+C again to quit at once)…\n')
	);
	try {
		const native =
			name === 'grep' && runtimeChoice === 'node'
				? await grepWithoutIndex(dir, toolArgs, controller.signal)
				: undefined;
		const result =
			native ??
			(await (
				await import('./tool-run')
			).runToolOnProject(dir, runtimeChoice, name, toolArgs, controller.signal, output));
		output.out(values.json ? `${JSON.stringify(result, null, 2)}\n` : `${result.output}\n`);
		return result.ok ? 0 : 1;
	} finally {
		release();
	}
}

/**
 * grep answered by ripgrep straight from the folder, without indexing it first (reading every
 * file takes far longer than the search); undefined when the full tool has to run (no
 * ripgrep, a pattern it cannot take, a path or error the tool explains).
 */
async function grepWithoutIndex(
	dir: string,
	toolArgs: unknown,
	signal: AbortSignal
): Promise<ToolResult | undefined> {
	const runtime = await createNodeRuntime({ root: resolve(dir) }).catch(() => undefined);
	if (!runtime) return undefined;
	try {
		if (!runtime.search) return undefined;
		const runNativeGrep = await loadNativeGrep();
		return await runNativeGrep(toolArgs, { runtime, signal });
	} finally {
		await runtime.dispose();
	}
}

function parseJsonArgs(text: string | undefined): unknown {
	if (text === undefined) return {};
	try {
		return JSON.parse(text);
	} catch (error) {
		const reason = messageOf(error);
		throw new UsageError(
			`--args is not valid JSON (${reason}). Quote it for the shell, for example --args '{"path": "src/app.ts"}'.`
		);
	}
}
