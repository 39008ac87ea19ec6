import { stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { createProjectAgent } from '../lib/agent';
import { createProvider, isProviderError } from '../lib/providers';
import { RUN_HELP } from './command-help';
import { readApiKeyOption } from './api-key-source';
import { abortOnInterrupt } from './interrupt';
import { openJsonEventLog } from './json-event-log';
import { checkFolder, openProject } from './open-project';
import type { CliOutput } from './output';
import { parseOptions, parseRuntimeChoice, requireOption } from './parse-options';
import { cliPermissions } from './permission-setup';
import { resolveProviderConfig, scrubKeyVariables } from './provider-config';
import { RunLog } from './run-log';
import { cliWording } from './fix-wording';
import {
	openSessionFile,
	prepareSessionsDir,
	readSessionFile,
	resolveSessionId,
	storedModel,
	storeSubagentFile,
	type SessionFileLog
} from './session-files';
import { UsageError } from './usage-error';

export async function runCommand(args: readonly string[], output: CliOutput): Promise<number> {
	const { values, positionals } = parseOptions('run', args, {
		dir: { type: 'string' },
		provider: { type: 'string' },
		model: { type: 'string' },
		prompt: { type: 'string', short: 'p' },
		'base-url': { type: 'string' },
		'api-key': { type: 'string' },
		'api-key-file': { type: 'string' },
		json: { type: 'string' },
		runtime: { type: 'string' },
		'permission-mode': { type: 'string' },
		allow: { type: 'string', multiple: true },
		deny: { type: 'string', multiple: true },
		resume: { type: 'string' },
		continue: { type: 'boolean', short: 'c' },
		help: { type: 'boolean', short: 'h' }
	});
	if (values.help) {
		output.out(RUN_HELP);
		return 0;
	}
	if (positionals.length > 0) {
		throw new UsageError(
			`Unexpected argument '${positionals[0]}'. Pass the prompt with -p, quoted: -p "fix the failing test".`
		);
	}
	if (values.resume !== undefined && values.continue) {
		throw new UsageError(
			'Pass either --resume SESSION or --continue (the newest session), not both.'
		);
	}
	const dir = requireOption('run', 'dir', values.dir, '.');
	const root = await checkFolder(dir);
	const wanted = values.continue ? 'latest' : values.resume;
	const resumeId = wanted === undefined ? undefined : await resolveSessionId(root, wanted);
	// A resumed session goes on with its own provider and model unless others are given.
	const stored = resumeId ? storedModel((await readSessionFile(root, resumeId)).events) : {};
	const config = resolveProviderConfig(
		{
			provider: values.provider ?? stored.provider,
			model: values.model ?? stored.model,
			baseUrl: values['base-url'],
			apiKey: await readApiKeyOption(values['api-key'], values['api-key-file'])
		},
		process.env
	);
	// Before anything can print or spawn: the key is scrubbed from output and the environment.
	if (config.apiKey) output.addSecret(config.apiKey);
	scrubKeyVariables(process.env);
	// A key given as --api-key sits in this process's command line, which any command the agent
	// runs could read (ps, /proc); a new title overwrites it (on Linux and macOS).
	if (values['api-key'] !== undefined) process.title = 'kiln run';

	const prompt = requireOption('run', 'prompt', values.prompt, '"add a test for utils.ts"');
	const jsonFile = values.json === undefined ? undefined : await checkJsonTarget(values.json);
	const runtimeChoice = parseRuntimeChoice(values.runtime);

	let provider;
	try {
		provider = createProvider(config, { wording: cliWording(config.provider) });
	} catch (error) {
		if (isProviderError(error)) throw new UsageError(error.message);
		throw error;
	}

	const permissions = cliPermissions(values, output);
	const jsonLog = jsonFile ? await openJsonEventLog(jsonFile, output.redact) : undefined;
	await prepareSessionsDir(root);
	const project = await openProject(dir, runtimeChoice);
	if (project.note) output.err(project.note);
	const runLog = new RunLog(output);
	const controller = new AbortController();
	const release = abortOnInterrupt(controller, () =>
		output.err('\nStopping the turn (press Ctrl+C again to quit at once)…\n')
	);
	let log: SessionFileLog | undefined;
	let stopPreviews = () => {};
	try {
		log = await openSessionFile(root, {
			...(resumeId ? { id: resumeId } : {}),
			redact: output.redact,
			warn: output.err,
			...(jsonLog ? { tee: jsonLog } : {})
		});
		if (log.skipped > 0) {
			output.err(
				`kiln: ${log.skipped} line(s) of ${log.path} were not session events and were left out.\n`
			);
		}
		const sessionId = log.id;
		const agent = createProjectAgent({
			config,
			provider,
			workspace: project.workspace,
			runtime: () => project.runtime,
			log,
			// Read-only commands that reach outside the folder ask first, as the file tools refuse them.
			permissions: project.commandRoot
				? { ...permissions.setup, projectRoot: project.commandRoot }
				: permissions.setup,
			// The run is the whole session: no process it started may outlive it.
			stopProcessesAfterTurn: true,
			onSubagentEvent: (subagentId, event) => runLog.handleSubagent(subagentId, event),
			storeSubagentTranscript: (subagentId, events) =>
				storeSubagentFile(root, sessionId, subagentId, events, output.redact)
		});
		await agent.setMode(permissions.mode);
		// A dev server the agent starts has no preview pane here: its address goes in the log.
		stopPreviews = project.runtime.onPreview((event) => runLog.preview(event));
		const result = await agent.runTurn(prompt, {
			signal: controller.signal,
			onEvent: (event) => runLog.handle(event)
		});
		runLog.end(result.reason, result.usage, result.error);
		runLog.session(sessionId, dir);
		return result.reason === 'completed' ? 0 : 1;
	} finally {
		stopPreviews();
		release();
		await log?.close();
		await jsonLog?.close();
		await project.dispose();
	}
}

/** Fails before the turn, not after it, when the events file could not be written. */
async function checkJsonTarget(file: string): Promise<string> {
	const path = resolve(file);
	const folder = await stat(dirname(path)).catch(() => undefined);
	if (!folder?.isDirectory()) {
		throw new UsageError(`--json '${file}': the folder ${dirname(path)} does not exist.`);
	}
	const existing = await stat(path).catch(() => undefined);
	if (existing?.isDirectory()) {
		throw new UsageError(`--json '${file}' is a folder; give a file name such as session.json.`);
	}
	return path;
}
