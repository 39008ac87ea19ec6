/**
 * Vitest global setup for the suites that run the `kiln` command as a child process: the CLI is
 * built once per run (scripts/build-cli.mjs, a few seconds) into dist/test-cli/, and the tests
 * spawn that. It is what the npm package ships, and it starts about three times faster than the
 * sources through tsx (bin/kiln.mjs), which dozens of CLI starts per run add up to minutes.
 */
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';

const ROOT = resolve(import.meta.dirname, '..');

export default function setup(project: TestProject): void {
	const outdir = join(ROOT, 'dist/test-cli');
	execFileSync(process.execPath, [join(ROOT, 'scripts/build-cli.mjs'), '--outdir', outdir], {
		cwd: ROOT,
		stdio: ['ignore', 'ignore', 'inherit']
	});
	project.provide('kilnCli', join(outdir, 'kiln.mjs'));
}

declare module 'vitest' {
	export interface ProvidedContext {
		/** The built `kiln` command the CLI tests run. */
		kilnCli: string;
	}
}
