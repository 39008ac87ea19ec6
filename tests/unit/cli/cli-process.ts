import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach } from 'vitest';

export const REPO_ROOT = resolve(import.meta.dirname, '../../..');
const BIN = join(REPO_ROOT, 'bin/kiln.mjs');

export interface CliRun {
	code: number | null;
	stdout: string;
	stderr: string;
}

/** Runs the real `kiln` command as a child process, as a person would. */
export function runCli(
	args: readonly string[],
	options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}
): Promise<CliRun> {
	return new Promise((resolvePromise, reject) => {
		const child = spawn(process.execPath, [BIN, ...args], {
			cwd: options.cwd ?? REPO_ROOT,
			env: options.env ?? withoutKeys(process.env),
			stdio: ['ignore', 'pipe', 'pipe']
		});
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
