import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, inject } from 'vitest';
import type { SessionEvent } from '../../../src/lib/agent';
import {
	startMockModelServer,
	type MockModelServer,
	type MockModelServerOptions
} from '../../../tooling/mock-model';

export const REPO_ROOT = resolve(import.meta.dirname, '../../..');
/** The built CLI (tests/cli-build.ts); the sources through tsx when a run did not build it. */
export const BIN = inject('kilnCli') ?? join(REPO_ROOT, 'bin/kiln.mjs');

export interface CliRun {
	code: number | null;
	stdout: string;
	stderr: string;
}

export interface CliOptions {
	/** Defaults to this process's environment without model API keys. */
	env?: NodeJS.ProcessEnv;
	cwd?: string;
}

/** Starts the real `kiln` command as a child process (see runCli to wait for its output). */
export function spawnCli(
	args: readonly string[],
	options: CliOptions & { stdio?: StdioOptions } = {}
): ChildProcess {
	return spawn(process.execPath, [BIN, ...args], {
		cwd: options.cwd ?? REPO_ROOT,
		env: options.env ?? withoutKeys(process.env),
		stdio: options.stdio ?? ['ignore', 'pipe', 'pipe']
	});
}

/** Runs the real `kiln` command as a child process, as a person would. */
export function runCli(args: readonly string[], options: CliOptions = {}): Promise<CliRun> {
	return collectOutput(spawnCli(args, options));
}

/** Waits for a child started with piped stdout and stderr to close; its exit code and output. */
export function collectOutput(child: ChildProcess): Promise<CliRun> {
	return new Promise((resolvePromise, reject) => {
		if (!child.stdout || !child.stderr) throw new Error('collectOutput needs piped output.');
		let stdout = '';
		let stderr = '';
		child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
		child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
		child.on('error', reject);
		child.on('close', (code) => resolvePromise({ code, stdout, stderr }));
	});
}

/** The test process's environment without model API keys, so a developer's own key never leaks into a test. */
export function withoutKeys(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
	const copy = { ...env };
	for (const name of ['ANTHROPIC_API_KEY', 'OPENAI_API_KEY', 'OPENROUTER_API_KEY'])
		delete copy[name];
	return copy;
}

/** A fresh temporary folder per call, removed after the test. */
export function useTempDirs(): () => Promise<string> {
	const made: string[] = [];
	afterEach(async () => {
		await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
	});
	return async () => {
		const dir = await mkdtemp(join(tmpdir(), 'kiln-cli-'));
		made.push(dir);
		return dir;
	};
}

export interface RunArgs {
	dir: string;
	/** Where the scripted model server answers (its `url`, or `openaiBaseURL` for openai). */
	baseUrl: string;
	prompt: string;
	provider?: 'anthropic' | 'openai';
	model?: string;
	/** `--permission-mode`; null leaves it out (a terminal then asks). Defaults to auto. */
	mode?: 'ask' | 'auto-edit' | 'auto' | 'plan' | null;
	/** `--json FILE`. */
	json?: string;
	/** Anything else, e.g. `--api-key KEY` or `--runtime browser`. */
	extra?: readonly string[];
}

/** The arguments of `kiln run` against a scripted model server. */
export function runArgs(run: RunArgs): string[] {
	const mode = run.mode === undefined ? 'auto' : run.mode;
	return [
		'run',
		...(mode ? ['--permission-mode', mode] : []),
		...['--dir', run.dir, '--provider', run.provider ?? 'anthropic'],
		...['--base-url', run.baseUrl, '--model', run.model ?? 'mock-model'],
		...(run.json ? ['--json', run.json] : []),
		...(run.extra ?? []),
		...['-p', run.prompt]
	];
}

/** Starts scripted model servers for a test; each is closed after the test. */
export function useModelServers(): (options?: MockModelServerOptions) => Promise<MockModelServer> {
	const started: MockModelServer[] = [];
	afterEach(async () => {
		await Promise.all(started.splice(0).map((server) => server.close()));
	});
	return async (options) => {
		const server = await startMockModelServer(options);
		started.push(server);
		return server;
	};
}

/** What `--json FILE` holds: JSON Lines, one session event per line. */
export function parseJsonLines(text: string): SessionEvent[] {
	return text
		.split('\n')
		.filter((line) => line !== '')
		.map((line) => JSON.parse(line) as SessionEvent);
}
