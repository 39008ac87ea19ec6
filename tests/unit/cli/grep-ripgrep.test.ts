/** `kiln tool grep` on the node runtime, answered by ripgrep itself, matches ripgrep (grep-ripgrep-cases.ts). */
import { mkdir, mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './cli-process';
import { describeGrepMatchesRipgrep } from './grep-ripgrep-cases';

describeGrepMatchesRipgrep('node', 'node', true);

describe('kiln tool grep with ripgrep', () => {
	let dir = '';
	beforeAll(async () => {
		dir = await mkdtemp(join(tmpdir(), 'kiln-cli-rg-stream-'));
		await writeFile(join(dir, '.gitignore'), 'big/\n');
		await writeFile(join(dir, 'a.ts'), 'const needle = 1;\n');
		// 3 GB without a byte on disk (sparse): indexing the folder would have to read it, and
		// Node refuses to read a file over 2 GiB at once.
		await mkdir(join(dir, 'big'));
		await writeFile(join(dir, 'big/huge.bin'), '');
		await truncate(join(dir, 'big/huge.bin'), 3 * 1024 ** 3);
	});
	afterAll(() => rm(dir, { recursive: true, force: true }));

	it('answers from the folder without reading it into memory first', async () => {
		const result = await runCli([
			'tool',
			'grep',
			'--dir',
			dir,
			'--args',
			JSON.stringify({ pattern: 'needle', output_mode: 'content' })
		]);
		expect(result.stderr).toBe('');
		expect(result.stdout).toBe('a.ts:1:const needle = 1;\n');
		expect(result.code).toBe(0);
	});

	it('leaves a bad pattern to the tool, which explains it', async () => {
		const small = await mkdtemp(join(tmpdir(), 'kiln-cli-rg-bad-'));
		try {
			await writeFile(join(small, 'a.ts'), 'x\n');
			const result = await runCli(['tool', 'grep', '--dir', small, '--args', '{"pattern": "("}']);
			expect(result.code).toBe(1);
			expect(result.stdout).toContain("Invalid regular expression '('");
		} finally {
			await rm(small, { recursive: true, force: true });
		}
	});
});
