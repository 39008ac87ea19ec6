/**
 * The grep tool against real ripgrep on a real source tree (a copy of this repository's src/
 * plus fixtures for ripgrep's defaults: .gitignore files, hidden files, binary files,
 * node_modules, .ignore, CRLF and a missing final newline). For patterns valid in both regex
 * dialects, the sets of matching files, (file, line) pairs and counts must be the same (as
 * sets: ripgrep's --sort path orders by path components, the tool by whole path strings).
 */
import { spawnSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBrowserRuntime } from '../../../src/lib/runtime/browser';
import { createNodeRuntime } from '../../../src/lib/runtime/node';
import type { Runtime } from '../../../src/lib/runtime/types';
import { createReadTracker, runTool, type ToolContext } from '../../../src/lib/tools';
import { openWorkspace, type Workspace } from '../../../src/lib/workspace';

const RG = '/usr/bin/rg';
const hasRipgrep = spawnSync(RG, ['--version']).status === 0;

const CASES: { pattern: string; ignoreCase?: boolean; glob?: string; path?: string }[] = [
	{ pattern: 'needle' },
	{ pattern: 'export async function \\w+' },
	{ pattern: 'TODO|FIXME' },
	{ pattern: 'class\\s+[A-Z]\\w*' },
	{ pattern: "from 'zod/mini'" },
	{ pattern: 'isFsError\\(' },
	{ pattern: '[0-9]{5,}' },
	{ pattern: 'line end$' },
	{ pattern: '^\\s*readonly \\w+: boolean' },
	{ pattern: 'PROMISE', ignoreCase: true, path: 'src/lib/runtime' },
	{ pattern: 'signal', glob: '*.ts' },
	{ pattern: 'export', path: 'src/lib/runtime/browser' }
];

const FIXTURES: Record<string, string | Uint8Array> = {
	// The workspace never indexes node_modules; ripgrep skips it only when .gitignore says so,
	// as every real project's does.
	'.gitignore': 'node_modules/\ngenerated/\n*.log\n',
	'generated/out.ts': 'export function needle() {}\n',
	'debug.log': 'needle in a log\n',
	'.hidden/secret.ts': 'export function needle() {}\n',
	'.env': 'needle=1\n',
	'node_modules/pkg/index.js': 'export function needle() {}\n',
	'docs/nested/.gitignore': '*.md\n!keep.md\n',
	'docs/nested/drop.md': 'needle dropped\n',
	'docs/nested/keep.md': 'needle kept\n',
	'.ignore': 'vendor/\n',
	'vendor/lib.ts': 'export function needle() {}\n',
	'assets/blob.bin': new Uint8Array([110, 101, 101, 100, 108, 101, 0, 1, 2, 3]),
	'text/crlf.txt': 'needle one\r\nline end\r\nline end\n',
	'text/no-newline.txt': 'needle at the end',
	'text/unicode.txt': 'naïve needle ✓ 12345678\n'
};

let root = '';

beforeAll(async () => {
	if (!hasRipgrep) return;
	root = await mkdtemp(join(tmpdir(), 'kiln-rg-'));
	await cp(join(process.cwd(), 'src'), join(root, 'src'), { recursive: true });
	for (const [path, content] of Object.entries(FIXTURES)) {
		await mkdir(join(root, path, '..'), { recursive: true });
		await writeFile(join(root, path), content);
	}
	// ripgrep applies .gitignore only inside a git repository.
	const git = spawnSync('git', ['init', '-q'], { cwd: root, env: isolatedEnv() });
	expect(git.status, String(git.stderr)).toBe(0);
});

afterAll(async () => {
	if (root) await rm(root, { recursive: true, force: true });
});

/** No user or global git/ripgrep configuration may change what either side sees. */
function isolatedEnv(): NodeJS.ProcessEnv {
	return { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: root, XDG_CONFIG_HOME: root };
}

function ripgrep(args: string[]): string[] {
	const result = spawnSync(RG, ['--sort', 'path', ...args], {
		cwd: root,
		env: isolatedEnv(),
		// With a piped stdin and no path, ripgrep would search stdin instead of the folder.
		stdio: ['ignore', 'pipe', 'pipe'],
		encoding: 'utf8',
		maxBuffer: 64 * 1024 * 1024
	});
	if (result.status === 1) return [];
	expect(result.status, result.stderr).toBe(0);
	return result.stdout
		.split('\n')
		.filter((line) => line !== '')
		.sort();
}

function rgArgs(c: (typeof CASES)[number]): string[] {
	return [
		...(c.ignoreCase ? ['-i'] : []),
		...(c.glob ? ['-g', c.glob] : []),
		'-e',
		c.pattern,
		...(c.path ? [c.path] : [])
	];
}

async function readTree(dir: string): Promise<Record<string, Uint8Array>> {
	const files: Record<string, Uint8Array> = {};
	for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
		if (!entry.isFile()) continue;
		const path = relative(root, join(entry.parentPath, entry.name)).split('\\').join('/');
		if (path.startsWith('.git/')) continue;
		files[path] = new Uint8Array(await readFile(join(root, path)));
	}
	return files;
}

const runtimes: [string, () => Promise<Runtime>][] = [
	['node', () => createNodeRuntime({ root })],
	['browser', async () => createBrowserRuntime({ files: await readTree(root) })]
];

describe.skipIf(!hasRipgrep).each(runtimes)(
	`grep matches ripgrep on a copy of src/ (%s runtime)${hasRipgrep ? '' : ' — skipped: ripgrep (rg) is not installed at /usr/bin/rg'}`,
	(_name, createRuntime) => {
		let runtime: Runtime;
		let workspace: Workspace;
		let ctx: ToolContext;

		beforeAll(async () => {
			runtime = await createRuntime();
			workspace = await openWorkspace({ projectId: 'rg', runtime });
			ctx = {
				workspace,
				runtime,
				signal: new AbortController().signal,
				readTracker: createReadTracker()
			};
		});

		afterAll(async () => {
			workspace?.dispose();
			await runtime?.dispose();
		});

		async function grep(c: (typeof CASES)[number], mode: 'files' | 'content' | 'count') {
			const result = await runTool(
				'grep',
				{
					pattern: c.pattern,
					ignore_case: c.ignoreCase,
					glob: c.glob,
					path: c.path,
					output_mode: mode
				},
				ctx
			);
			expect(result.ok, result.output).toBe(true);
			// A cut output could hide a difference: every case must fit whole.
			expect(result.metadata?.truncated ?? false, 'output was cut').toBe(false);
			return result.metadata?.count === 0 ? [] : result.output.split('\n').sort();
		}

		it('finds the fixtures ripgrep finds, and skips the ones it skips', async () => {
			expect(await grep({ pattern: 'needle' }, 'files')).toEqual(ripgrep(['-l', 'needle']));
			expect(ripgrep(['-l', 'needle'])).toEqual([
				'docs/nested/keep.md',
				'text/crlf.txt',
				'text/no-newline.txt',
				'text/unicode.txt'
			]);
		});

		it.each(CASES)('same files as rg -l for $pattern', async (c) => {
			const expected = ripgrep(['-l', ...rgArgs(c)]);
			expect(await grep(c, 'files')).toEqual(expected);
		});

		it.each(CASES)('same (file, line) pairs as rg -n --no-heading for $pattern', async (c) => {
			const pairs = (lines: string[]) =>
				lines.map((line) => {
					const match = /^(.*?):(\d+):/.exec(line);
					expect(match, line).not.toBeNull();
					return `${match![1]}:${match![2]}`;
				});
			const expected = pairs(ripgrep(['--no-heading', '-n', '--with-filename', ...rgArgs(c)]));
			const actual = pairs(await grep(c, 'content'));
			expect(actual).toEqual(expected);
			expect(actual.length).toBeGreaterThan(0);
		});

		it.each(CASES)('same counts as rg -c for $pattern', async (c) => {
			expect(await grep(c, 'count')).toEqual(ripgrep(['-c', '--with-filename', ...rgArgs(c)]));
		});
	}
);
