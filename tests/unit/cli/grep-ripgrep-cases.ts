import { execFileSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli, withoutKeys } from './cli-process';

/**
 * Shared by grep-ripgrep*.test.ts (one file per runtime, so Vitest runs them side by side):
 * `kiln tool grep` against ripgrep with its default settings, on a copy of this repository's
 * src/ (a real, changing source tree). Patterns are valid, and mean the same, in JavaScript's
 * and Rust's regex dialects.
 */
interface Case {
	pattern: string;
	ignoreCase?: boolean;
	glob?: string;
	/** Content output for a broad pattern exceeds the tool's output limit: compare files and counts only. */
	broad?: boolean;
}

const CASES: Case[] = [
	{ pattern: 'export', broad: true },
	{ pattern: 'throw new \\w+Error\\(' },
	{ pattern: '\\bawait\\s+import\\(' },
	{ pattern: '^export \\{' },
	{ pattern: 'readonly [a-z]+: (string|number);$', glob: '*.ts' },
	{ pattern: 'abortcontroller', ignoreCase: true },
	{ pattern: '\\$state\\(', glob: '*.svelte' }
];

const TIMEOUT = 60_000;

function ripgrep(dir: string, flags: string[], testCase: Case): string {
	const args = [...flags, '--sort', 'path'];
	if (testCase.ignoreCase) args.push('-i');
	if (testCase.glob) args.push('-g', testCase.glob);
	args.push('-e', testCase.pattern);
	try {
		// stdin ignored: with a piped stdin and no path, ripgrep would search stdin.
		return execFileSync('rg', args, {
			cwd: dir,
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'pipe']
		});
	} catch (error) {
		// Exit 1 is ripgrep's "no match"; anything else is a real failure.
		if ((error as { status?: number }).status === 1) return '';
		throw error;
	}
}

/**
 * node: answered by ripgrep itself (rg is on PATH); node without rg: PATH leads nowhere, so the
 * in-process engine answers; browser: the in-process engine over an in-memory copy.
 */
export function describeGrepMatchesRipgrep(
	label: string,
	runtime: 'node' | 'browser',
	withRipgrep: boolean
): void {
	describe(`kiln tool grep on the ${label} runtime matches ripgrep`, () => {
		let dir = '';
		let env: NodeJS.ProcessEnv | undefined;

		// One copy for all cases: it is only read.
		beforeAll(async () => {
			dir = await mkdtemp(join(tmpdir(), 'kiln-cli-rg-'));
			await cp(join(REPO_ROOT, 'src'), join(dir, 'src'), { recursive: true });
			if (!withRipgrep) {
				await mkdir(join(dir, '.empty-path'));
				env = { ...withoutKeys(process.env), PATH: join(dir, '.empty-path') };
			}
		});
		afterAll(() => rm(dir, { recursive: true, force: true }));

		async function grep(testCase: Case, outputMode: 'files' | 'content' | 'count') {
			const args = {
				pattern: testCase.pattern,
				output_mode: outputMode,
				...(testCase.ignoreCase ? { ignore_case: true } : {}),
				...(testCase.glob ? { glob: testCase.glob } : {})
			};
			const result = await runCli(
				['tool', 'grep', '--dir', dir, '--runtime', runtime, '--args', JSON.stringify(args)],
				env ? { env } : {}
			);
			expect(result.code, result.stderr).toBe(0);
			expect(result.stdout).not.toContain('(Output cut');
			return result.stdout;
		}

		it.each(CASES)(
			'/$pattern/ (ignore case: $ignoreCase, glob: $glob)',
			async (testCase) => {
				const files = ripgrep(dir, ['-l'], testCase);
				// Every case must match something, or the comparison proves nothing.
				expect(files).not.toBe('');
				expect(await grep(testCase, 'files')).toBe(files);
				// Counts share the files path; one runtime is enough (each CLI start costs ~0.5 s).
				if (runtime === 'node' && withRipgrep) {
					expect(await grep(testCase, 'count')).toBe(ripgrep(dir, ['-c'], testCase));
				}
				if (!testCase.broad) {
					const content = ripgrep(dir, ['-n', '--no-heading'], testCase);
					expect(await grep(testCase, 'content')).toBe(content);
				}
			},
			TIMEOUT
		);
	});
}
