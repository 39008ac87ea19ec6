/**
 * SLOW (about 1 minute): the npm package as a person gets it. `npm pack` builds the CLI
 * (prepack: scripts/build-cli.mjs) into a tarball, which is installed into a fresh temporary
 * folder from the local npm cache, and `kiln` is run from there: compiled JavaScript, with
 * nothing of this checkout (no tsx, no sources) within reach.
 *
 * The install is `npm install --offline`; on a machine whose npm cache lacks a dependency it is
 * retried once with `--prefer-offline`, which fetches only what is missing (and fills the cache,
 * so later runs need no network).
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../../src/lib/agent';
import type { ScriptInput } from '../../../tooling/mock-model';
import {
	collectOutput,
	parseJsonLines,
	REPO_ROOT,
	useModelServers,
	withoutKeys,
	type CliRun
} from './cli-process';

const run = promisify(execFile);
const INSTALL_TIMEOUT = 240_000;
const TIMEOUT = 60_000;
const KEY = 'sk-ant-package-test-0123456789';

/** The environment of the installed `kiln`: no keys, and nothing npm set for this checkout. */
function cleanEnv(): NodeJS.ProcessEnv {
	const env = withoutKeys(process.env);
	for (const name of Object.keys(env)) {
		if (name.startsWith('npm_package_') || name.startsWith('npm_lifecycle_')) delete env[name];
	}
	return env;
}

let temp = '';
let app = '';

beforeAll(async () => {
	temp = await realpath(await mkdtemp(join(tmpdir(), 'kiln-package-')));
	await run('npm', ['pack', '--pack-destination', temp, '--silent'], {
		cwd: REPO_ROOT,
		env: cleanEnv(),
		maxBuffer: 16 * 1024 * 1024
	});
	const tarball = (await readdir(temp)).find((name) => name.endsWith('.tgz'));
	if (!tarball) throw new Error(`npm pack wrote no tarball into ${temp}.`);
	app = join(temp, 'app');
	await mkdir(app);
	await writeFile(
		join(app, 'package.json'),
		JSON.stringify({ name: 'kiln-install-test', version: '1.0.0', private: true })
	);
	const install = (mode: string) =>
		run('npm', ['install', mode, '--no-audit', '--no-fund', join(temp, tarball)], {
			cwd: app,
			env: cleanEnv(),
			maxBuffer: 16 * 1024 * 1024
		});
	await install('--offline').catch((error: { stderr?: string }) => {
		if (!error.stderr?.includes('ENOTCACHED')) throw error;
		return install('--prefer-offline');
	});
}, INSTALL_TIMEOUT);

afterAll(async () => {
	if (temp) await rm(temp, { recursive: true, force: true });
});

/** `npx kiln ARGS` in the folder the package was installed into. */
function npxKiln(args: readonly string[], env: NodeJS.ProcessEnv = cleanEnv()): Promise<CliRun> {
	return collectOutput(
		spawn('npx', ['--offline', 'kiln', ...args], {
			cwd: app,
			env,
			stdio: ['ignore', 'pipe', 'pipe']
		})
	);
}

async function projectFolder(): Promise<string> {
	const dir = join(temp, `project-${Math.random().toString(36).slice(2)}`);
	await mkdir(join(dir, 'src'), { recursive: true });
	await writeFile(join(dir, 'AGENTS.md'), '# AGENTS.md\n\n- Greet people in French.\n');
	await writeFile(
		join(dir, 'src/greet.ts'),
		'export function greet(name: string): string {\n\treturn `Bonjour ${name}`;\n}\n'
	);
	return dir;
}

function runArgs(dir: string, baseUrl: string, prompt: string, extra: string[] = []): string[] {
	return [
		'run',
		...['--dir', dir, '--permission-mode', 'auto'],
		...['--provider', 'anthropic', '--base-url', baseUrl, '--model', 'mock-model'],
		...extra,
		...['-p', prompt]
	];
}

/** Every event of the one session stored in DIR/.kiln/sessions. */
async function storedSession(dir: string): Promise<{ id: string; events: SessionEvent[] }> {
	const files = (await readdir(join(dir, '.kiln/sessions'))).filter((f) => f.endsWith('.jsonl'));
	expect(files).toHaveLength(1);
	const text = await readFile(join(dir, '.kiln/sessions', files[0]!), 'utf8');
	return { id: files[0]!.replace(/\.jsonl$/, ''), events: parseJsonLines(text) };
}

const TASK_THEN_ANSWER: ScriptInput = [
	{
		label: 'the parent delegates',
		toolCalls: [
			{
				name: 'task',
				input: {
					description: 'Find the greeting',
					prompt: 'Read src/greet.ts and report the greeting word it uses.',
					agent: 'explore'
				}
			}
		]
	},
	{
		label: 'the subagent reads and reports',
		match: { lastUserMessageIncludes: 'report the greeting word' },
		toolCalls: [{ name: 'read', input: { path: 'src/greet.ts' } }]
	},
	{ text: 'The greeting word is Bonjour (src/greet.ts line 2).' },
	{ text: 'greet() says Bonjour.' }
];

describe('the packed npm package, installed into a temporary folder', () => {
	const startServer = useModelServers();

	it(
		'installs compiled JavaScript with its dependencies, and no tsx',
		async () => {
			const installed = join(app, 'node_modules/kiln');
			const pkg = JSON.parse(await readFile(join(installed, 'package.json'), 'utf8'));
			expect(pkg.bin).toEqual({ kiln: 'dist/cli/kiln.mjs' });
			expect(await readdir(installed)).not.toContain('src');
			expect(existsSync(join(app, 'node_modules/tsx'))).toBe(false);
			for (const name of Object.keys(pkg.dependencies)) {
				expect(existsSync(join(app, 'node_modules', name)), name).toBe(true);
			}
			const help = await npxKiln(['--help']);
			expect(help.code, help.stderr).toBe(0);
			expect(help.stdout).toContain('kiln run --dir DIR');
			expect(help.stdout).toContain('kiln sessions');
		},
		TIMEOUT
	);

	it(
		'kiln tool runs a tool, and bash runs under the compiled command host',
		async () => {
			const dir = await projectFolder();
			const read = await npxKiln(['tool', 'grep', '--dir', dir, '--args', '{"pattern":"Bonjour"}']);
			expect(read.code, read.stderr).toBe(0);
			expect(read.stdout).toContain('src/greet.ts');
			const bash = await npxKiln([
				'tool',
				'bash',
				'--dir',
				dir,
				'--args',
				JSON.stringify({ command: "tr '\\0' ' ' < /proc/$PPID/cmdline" })
			]);
			expect(bash.code, bash.stderr).toBe(0);
			expect(bash.stdout).toContain(join(app, 'node_modules/kiln/dist/cli/kiln-command-host.mjs'));
		},
		TIMEOUT
	);

	it(
		'kiln run: the map and AGENTS.md in the first request, task gets a subagent report, --resume latest continues',
		async () => {
			const dir = await projectFolder();
			const server = await startServer({ script: TASK_THEN_ANSWER });
			const env = { ...cleanEnv(), ANTHROPIC_API_KEY: KEY };
			const first = await npxKiln(runArgs(dir, server.url, 'What does greet() say?'), env);
			expect(first.code, first.stderr).toBe(0);
			expect(first.stdout).toContain('→ task: explore: Find the greeting');
			expect(first.stdout).toContain('↳ subagent 1 → read: src/greet.ts');
			expect(first.stdout).toContain('greet() says Bonjour.');

			// The first request: the project map and the memory, in the system prompt.
			const requests = server.requests().filter((request) => request.format === 'anthropic');
			expect(requests).toHaveLength(4);
			const system = JSON.stringify((requests[0]!.body as { system: unknown }).system);
			expect(system).toContain('# Project map (at session start)');
			expect(system).toContain('src/greet.ts');
			expect(system).toContain('Greet people in French.');

			// The task call came back with the subagent's report, stored in .kiln/sessions.
			const stored = await storedSession(dir);
			const task = stored.events.find(
				(event) => event.type === 'tool-result' && event.name === 'task'
			);
			expect(task).toMatchObject({ ok: true, metadata: { subagent: { agent: 'explore' } } });
			expect(task?.type === 'tool-result' && task.output).toContain('The greeting word is Bonjour');
			expect(JSON.stringify(stored.events)).not.toContain(KEY);
			const transcripts = await readdir(join(dir, '.kiln/sessions', stored.id));
			expect(transcripts).toHaveLength(1);

			// The stored sessions are not part of the project the agent sees.
			const glob = await npxKiln(['tool', 'glob', '--dir', dir, '--args', '{"pattern":"**/*"}']);
			expect(glob.stdout).toContain('src/greet.ts');
			expect(glob.stdout).not.toContain('.kiln');

			const list = await npxKiln(['sessions', '--dir', dir, '--json']);
			expect(list.code, list.stderr).toBe(0);
			expect(JSON.parse(list.stdout)).toMatchObject([
				{ id: stored.id, turns: 1, model: 'mock-model', lastPrompt: 'What does greet() say?' }
			]);

			// Continued: the model is sent the first run's conversation before the new prompt.
			server.setScript([{ text: 'It would say Bonjour Ada.' }]);
			server.reset();
			const second = await npxKiln(
				runArgs(dir, server.url, 'And for Ada?', ['--resume', 'latest']),
				env
			);
			expect(second.code, second.stderr).toBe(0);
			const resumed = server.requests().filter((request) => request.format === 'anthropic');
			expect(resumed).toHaveLength(1);
			const messages = JSON.stringify((resumed[0]!.body as { messages: unknown }).messages);
			expect(messages).toContain('What does greet() say?');
			expect(messages).toContain('The greeting word is Bonjour');
			expect(messages).toContain('greet() says Bonjour.');
			expect(messages.indexOf('And for Ada?')).toBeGreaterThan(messages.indexOf('greet() says'));
			const after = await storedSession(dir);
			expect(after.id).toBe(stored.id);
			expect(after.events.filter((event) => event.type === 'user-message')).toHaveLength(2);
		},
		TIMEOUT
	);
});
