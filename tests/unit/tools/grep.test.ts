import { describe, expect, it } from 'vitest';
import { SEARCH_RUNTIMES, useHarness } from './harness';

const project = {
	'.gitignore': 'dist/\n',
	'src/a.ts': 'import x from "y";\nconst TODO = 1;\n// todo: later\nexport {};\n',
	'src/b.ts': 'function one() {}\nfunction two() {}\n',
	'src/c.css': '.todo { color: red; }\n',
	'dist/a.js': 'TODO in build output\n',
	'.hidden/secret.ts': 'TODO hidden\n',
	'img.bin': new Uint8Array([84, 79, 68, 79, 0, 1, 2])
};

describe.each(SEARCH_RUNTIMES)('grep on the %s runtime', (_name, create) => {
	const open = useHarness(create);

	it('lists matching files by default, skipping ignored, hidden and binary files', async () => {
		const { run } = await open(project);
		const result = await run('grep', { pattern: 'TODO' });
		expect(result).toMatchObject({ ok: true, output: 'src/a.ts', metadata: { count: 1 } });
	});

	it('matches case-insensitively on request', async () => {
		const { run } = await open(project);
		const result = await run('grep', { pattern: 'todo', ignore_case: true });
		expect(result.output).toBe('src/a.ts\nsrc/c.css');
	});

	it('shows path:line:text in content mode', async () => {
		const { run } = await open(project);
		const result = await run('grep', { pattern: 'function \\w+', output_mode: 'content' });
		expect(result.output).toBe('src/b.ts:1:function one() {}\nsrc/b.ts:2:function two() {}');
	});

	it('shows context lines as path-line-text with -- between groups', async () => {
		const lines = Array.from({ length: 12 }, (_, i) =>
			i === 1 || i === 9 ? `hit ${i + 1}` : `l${i + 1}`
		);
		const { run } = await open({ 'f.txt': lines.join('\n') + '\n', 'g.txt': 'hit g\n' });
		const result = await run('grep', { pattern: '^hit', output_mode: 'content', context: 1 });
		expect(result.output).toBe(
			[
				'f.txt-1-l1',
				'f.txt:2:hit 2',
				'f.txt-3-l3',
				'--',
				'f.txt-9-l9',
				'f.txt:10:hit 10',
				'f.txt-11-l11',
				'--',
				'g.txt:1:hit g'
			].join('\n')
		);
	});

	it('counts matching lines per file', async () => {
		const { run } = await open(project);
		const result = await run('grep', { pattern: 'o', output_mode: 'count' });
		expect(result.output).toBe('src/a.ts:4\nsrc/b.ts:2\nsrc/c.css:1');
	});

	it('narrows by path and by glob (by name at any depth, or excluded with !)', async () => {
		const { run } = await open(project);
		expect((await run('grep', { pattern: 'o', path: 'src/b.ts' })).output).toBe('src/b.ts');
		expect((await run('grep', { pattern: 'o', glob: '*.css' })).output).toBe('src/c.css');
		expect((await run('grep', { pattern: 'o', glob: '!*.css' })).output).toBe('src/a.ts\nsrc/b.ts');
		expect((await run('grep', { pattern: 'TODO', path: 'dist' })).output).toBe('dist/a.js');
	});

	it('limits output lines with head_limit', async () => {
		const { run } = await open(project);
		const result = await run('grep', { pattern: 'o', output_mode: 'content', head_limit: 2 });
		expect(result.output.split('\n')).toEqual([
			'src/a.ts:1:import x from "y";',
			'src/a.ts:2:const TODO = 1;',
			'(5 more lines not shown: head_limit 2.)'
		]);
	});

	it('does not end a head_limit cut on a group separator', async () => {
		const { run } = await open({ 'f.txt': 'hit\na\nb\nc\nhit\n' });
		const result = await run('grep', {
			pattern: 'hit',
			output_mode: 'content',
			context: 1,
			head_limit: 3
		});
		expect(result.output).toBe('f.txt:1:hit\nf.txt-2-a\n(2 more lines not shown: head_limit 3.)');
	});

	it('answers no matches plainly, and an invalid pattern with advice', async () => {
		const { run } = await open(project);
		expect(await run('grep', { pattern: 'zzz' })).toMatchObject({
			ok: true,
			output: 'No matches for /zzz/ in the project.'
		});
		const bad = await run('grep', { pattern: 'foo(' });
		expect(bad.ok).toBe(false);
		expect(bad.output).toContain("Invalid regular expression 'foo('");
	});

	it('finds what a command just wrote once the workspace has seen it', async () => {
		const { run, runtime, workspace } = await open({ 'a.txt': 'old\n' });
		await runtime.exec('echo needle > new.txt');
		await expect.poll(() => workspace.peekText('new.txt')).toBe('needle\n');
		expect((await run('grep', { pattern: 'needle' })).output).toBe('new.txt');
	});

	it('honours .ignore files as ripgrep does', async () => {
		const { run } = await open({ '.ignore': 'gen/\n', 'gen/x.ts': 'needle', 'src/x.ts': 'needle' });
		expect((await run('grep', { pattern: 'needle' })).output).toBe('src/x.ts');
	});

	it('refuses context outside content mode', async () => {
		const { run } = await open(project);
		const result = await run('grep', { pattern: 'x', context: 2 });
		expect(result.ok).toBe(false);
		expect(result.output).toContain('output_mode "content"');
	});
});
