import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, useTempDirs } from './cli-process';

const TIMEOUT = 30_000;

async function seed(dir: string, files: Record<string, string>): Promise<void> {
	for (const [path, content] of Object.entries(files)) {
		await mkdir(join(dir, path, '..'), { recursive: true });
		await writeFile(join(dir, path), content);
	}
}

const PROJECT = {
	'src/main.ts': 'import { greet } from "./greet";\nconsole.log(greet("kiln"));\n',
	'src/greet.ts': 'export function greet(name: string) {\n\treturn `hello ${name}`;\n}\n',
	'README.md': '# demo\n',
	'node_modules/dep/index.js': 'export function greet() {}\n'
};

describe.each(['node', 'browser'])('kiln tool on the %s runtime', (runtime) => {
	const tempDir = useTempDirs();
	const tool = (dir: string, name: string, args: unknown) =>
		runCli(['tool', name, '--dir', dir, '--runtime', runtime, '--args', JSON.stringify(args)]);

	it(
		'read prints numbered lines and exits 0',
		async () => {
			const dir = await tempDir();
			await seed(dir, PROJECT);
			const result = await tool(dir, 'read', { path: 'src/greet.ts' });
			expect(result).toMatchObject({ code: 0, stderr: '' });
			expect(result.stdout).toBe(
				'     1\texport function greet(name: string) {\n     2\t\treturn `hello ${name}`;\n     3\t}\n'
			);
		},
		TIMEOUT
	);

	it(
		'a missing file is a tool error: the message on stdout, exit 1',
		async () => {
			const dir = await tempDir();
			await seed(dir, PROJECT);
			const result = await tool(dir, 'read', { path: 'src/great.ts' });
			expect(result.code).toBe(1);
			expect(result.stdout).toContain("'src/great.ts'");
			expect(result.stdout).toContain('src/greet.ts');
		},
		TIMEOUT
	);

	it(
		'invalid arguments are a tool error the model would see (exit 1)',
		async () => {
			const dir = await tempDir();
			const result = await tool(dir, 'read', { file: 'x' });
			expect(result.code).toBe(1);
			expect(result.stdout).toMatch(/path/);
		},
		TIMEOUT
	);

	it(
		'list shows the tree without node_modules contents',
		async () => {
			const dir = await tempDir();
			await seed(dir, PROJECT);
			const result = await runCli(['tool', 'list', '--dir', dir, '--runtime', runtime]);
			expect(result.code).toBe(0);
			expect(result.stdout).toContain('greet.ts');
			expect(result.stdout).toContain('README.md');
			expect(result.stdout).not.toContain('dep/');
		},
		TIMEOUT
	);

	it(
		'glob finds files by pattern',
		async () => {
			const dir = await tempDir();
			await seed(dir, PROJECT);
			const result = await tool(dir, 'glob', { pattern: '**/*.ts' });
			expect(result.code).toBe(0);
			expect(result.stdout.trim().split('\n').sort()).toEqual(['src/greet.ts', 'src/main.ts']);
		},
		TIMEOUT
	);

	it(
		'grep prints path:line:text in content mode, skipping node_modules',
		async () => {
			const dir = await tempDir();
			await seed(dir, PROJECT);
			const result = await tool(dir, 'grep', { pattern: 'greet\\(', output_mode: 'content' });
			expect(result).toMatchObject({ code: 0, stderr: '' });
			expect(result.stdout).toBe(
				'src/greet.ts:1:export function greet(name: string) {\nsrc/main.ts:2:console.log(greet("kiln"));\n'
			);
		},
		TIMEOUT
	);

	it(
		'--json prints the whole result',
		async () => {
			const dir = await tempDir();
			await seed(dir, PROJECT);
			const result = await runCli([
				'tool',
				'grep',
				'--dir',
				dir,
				'--runtime',
				runtime,
				'--json',
				'--args',
				'{"pattern": "hello"}'
			]);
			expect(result.code).toBe(0);
			expect(JSON.parse(result.stdout)).toMatchObject({
				ok: true,
				output: 'src/greet.ts',
				metadata: { count: 1 }
			});
		},
		TIMEOUT
	);
});

describe('kiln tool: where changes land', () => {
	const tempDir = useTempDirs();

	it(
		'the node runtime writes the real folder',
		async () => {
			const dir = await tempDir();
			const result = await runCli([
				'tool',
				'write',
				'--dir',
				dir,
				'--args',
				'{"path": "out/new.txt", "content": "made by kiln\\n"}'
			]);
			expect(result.code).toBe(0);
			expect(await readFile(join(dir, 'out/new.txt'), 'utf8')).toBe('made by kiln\n');
		},
		TIMEOUT
	);

	it(
		'the browser runtime works on a copy and leaves the folder unchanged',
		async () => {
			const dir = await tempDir();
			await seed(dir, { 'a.txt': 'one\n' });
			const result = await runCli([
				'tool',
				'bash',
				'--dir',
				dir,
				'--runtime',
				'browser',
				'--args',
				'{"command": "echo two > b.txt && cat a.txt b.txt"}'
			]);
			expect(result.code).toBe(0);
			expect(result.stdout).toBe('one\ntwo\n\nExit code: 0\n');
			expect(existsSync(join(dir, 'b.txt'))).toBe(false);
		},
		TIMEOUT
	);
});

describe('kiln tool: usage errors exit 2 with a message on stderr', () => {
	const tempDir = useTempDirs();

	it(
		'bad JSON in --args',
		async () => {
			const dir = await tempDir();
			const result = await runCli(['tool', 'read', '--dir', dir, '--args', '{"path": ']);
			expect(result.code).toBe(2);
			expect(result.stdout).toBe('');
			expect(result.stderr).toMatch(/--args is not valid JSON/);
		},
		TIMEOUT
	);

	it(
		'missing --dir',
		async () => {
			const result = await runCli(['tool', 'list']);
			expect(result.code).toBe(2);
			expect(result.stderr).toMatch(/needs --dir/);
		},
		TIMEOUT
	);

	it(
		'a --dir that is not a folder',
		async () => {
			const dir = await tempDir();
			const result = await runCli(['tool', 'list', '--dir', join(dir, 'nope')]);
			expect(result.code).toBe(2);
			expect(result.stderr).toMatch(/is not a folder/);
		},
		TIMEOUT
	);

	it(
		'an unknown tool, an unknown option and an unknown runtime',
		async () => {
			const dir = await tempDir();
			const unknownTool = await runCli(['tool', 'frobnicate', '--dir', dir]);
			expect(unknownTool.code).toBe(2);
			expect(unknownTool.stderr).toMatch(/no tool named 'frobnicate'.*read, write, edit/);
			const unknownOption = await runCli(['tool', 'list', '--dir', dir, '--verbose']);
			expect(unknownOption.code).toBe(2);
			expect(unknownOption.stderr).toMatch(/--verbose/);
			const unknownRuntime = await runCli(['tool', 'list', '--dir', dir, '--runtime', 'deno']);
			expect(unknownRuntime.code).toBe(2);
			expect(unknownRuntime.stderr).toMatch(/Unknown --runtime 'deno'/);
		},
		TIMEOUT
	);

	it(
		'an unknown subcommand',
		async () => {
			const result = await runCli(['frob']);
			expect(result.code).toBe(2);
			expect(result.stderr).toMatch(/Unknown command 'frob'.*tool, run/);
		},
		TIMEOUT
	);
});

describe('kiln help', () => {
	it.each([[['--help']], [['help']], [[]]])(
		'%j prints the usage and exits 0',
		async (args) => {
			const result = await runCli(args);
			expect(result.code).toBe(0);
			expect(result.stdout).toMatch(/kiln tool NAME --dir DIR/);
			expect(result.stdout).toMatch(/kiln run --dir DIR --provider anthropic\|openai/);
		},
		TIMEOUT
	);

	it(
		'help for one command lists its options',
		async () => {
			const result = await runCli(['help', 'run']);
			expect(result.code).toBe(0);
			expect(result.stdout).toMatch(/--api-key K/);
			expect(result.stdout).toMatch(/ANTHROPIC_API_KEY/);
		},
		TIMEOUT
	);
});
