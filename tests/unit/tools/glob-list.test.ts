import { describe, expect, it } from 'vitest';
import { GLOB_MAX_RESULTS, LIST_MAX_ENTRIES } from '../../../src/lib/tools';
import { RUNTIMES, useHarness } from './harness';

describe.each(RUNTIMES)('glob on the %s runtime', (_name, create) => {
	const open = useHarness(create);

	it('lists matches newest first', async () => {
		const { run } = await open(
			{ 'src/old.ts': 'o', 'src/mid.ts': 'm', 'src/new.ts': 'n', 'src/style.css': 'c' },
			{
				before: async (runtime) => {
					await runtime.exec(
						'touch -d "2020-01-01 00:00:00" src/old.ts && touch -d "2021-01-01 00:00:00" src/mid.ts && touch -d "2022-01-01 00:00:00" src/new.ts'
					);
				}
			}
		);
		const result = await run('glob', { pattern: '**/*.ts' });
		expect(result.output).toBe('src/new.ts\nsrc/mid.ts\nsrc/old.ts');
		expect(result.metadata?.count).toBe(3);
	});

	it('skips gitignored files and node_modules', async () => {
		const { run } = await open({
			'.gitignore': 'dist/\n*.log\n',
			'dist/out.js': 'x',
			'src/a.js': 'x',
			'debug.log': 'x',
			'node_modules/lib/index.js': 'x'
		});
		expect((await run('glob', { pattern: '**/*.js' })).output).toBe('src/a.js');
		expect((await run('glob', { pattern: '*.log' })).output).toMatch(/^No files match/);
	});

	it('searches an ignored folder when it is named as the path', async () => {
		const { run } = await open({ '.gitignore': 'dist/\n', 'dist/out.js': 'x' });
		expect((await run('glob', { pattern: '*.js', path: 'dist' })).output).toBe('dist/out.js');
	});

	it('matches relative to path and answers with project paths', async () => {
		const { run } = await open({ 'src/lib/a.ts': 'x', 'src/b.ts': 'x', 'c.ts': 'x' });
		const result = await run('glob', { pattern: '*.ts', path: 'src' });
		expect(result.output).toBe('src/b.ts');
	});

	it(`shows at most ${GLOB_MAX_RESULTS} matches with a count of the rest`, async () => {
		const files = Object.fromEntries(
			Array.from({ length: 130 }, (_, i) => [`f/${String(i).padStart(3, '0')}.txt`, 'x'])
		);
		const { run } = await open(files);
		const result = await run('glob', { pattern: 'f/*.txt' });
		const lines = result.output.split('\n');
		expect(lines).toHaveLength(GLOB_MAX_RESULTS + 1);
		expect(lines.at(-1)).toBe('(30 more not shown; narrow the pattern or the path.)');
		expect(result.metadata).toMatchObject({ count: 130, truncated: true });
	});

	it('hints at **/ when a top-level pattern finds nothing', async () => {
		const { run } = await open({ 'src/a.svelte': 'x' });
		const result = await run('glob', { pattern: '*.svelte' });
		expect(result.ok).toBe(true);
		expect(result.output).toContain('use "**/*.svelte"');
	});

	it('refuses a missing folder and a file as path', async () => {
		const { run } = await open({ 'src/a.ts': 'x' });
		expect((await run('glob', { pattern: '*', path: 'lib' })).output).toContain(
			"Path not found: 'lib'"
		);
		expect((await run('glob', { pattern: '*', path: 'src/a.ts' })).output).toContain('is a file');
	});
});

describe.each(RUNTIMES)('list on the %s runtime', (_name, create) => {
	const open = useHarness(create);

	it('draws an indented tree, folders first, node_modules shown but not opened', async () => {
		const { run } = await open({
			'.gitignore': 'dist/\n',
			'README.md': '#',
			'src/main.ts': 'x',
			'src/lib/util.ts': 'x',
			'dist/bundle.js': 'x',
			'node_modules/pkg/index.js': 'x'
		});
		const result = await run('list', {});
		expect(result.output).toBe(
			[
				'./',
				'  dist/ (ignored)',
				'  node_modules/ (ignored)',
				'  src/',
				'    lib/',
				'      util.ts',
				'    main.ts',
				'  .gitignore',
				'  README.md'
			].join('\n')
		);
	});

	it('lists a subfolder', async () => {
		const { run } = await open({ 'src/lib/util.ts': 'x', 'src/main.ts': 'x', 'other.txt': 'x' });
		expect((await run('list', { path: 'src/lib' })).output).toBe('src/lib/\n  util.ts');
	});

	it(`stays within ${LIST_MAX_ENTRIES} entries, outline first, and says what was left out`, async () => {
		const files: Record<string, string> = { 'top.txt': 'x' };
		for (let i = 0; i < 500; i++) files[`big/${String(i).padStart(3, '0')}.txt`] = 'x';
		for (let i = 0; i < 20; i++) files[`small/${i}.txt`] = 'x';
		const { run } = await open(files);
		const result = await run('list', {});
		const entries = result.output
			.split('\n')
			.filter((line) => /^ {2,}\S/.test(line) && !line.includes('…'));
		expect(entries.length).toBeLessThanOrEqual(LIST_MAX_ENTRIES);
		expect(result.output).toContain('  top.txt');
		expect(result.output).toContain('    19.txt');
		expect(result.output).toMatch(/… \d+ more entries not shown/);
		expect(result.output).toContain('List a subfolder to see more.');
		expect(result.metadata?.truncated).toBe(true);
	});

	it('shows one level inside node_modules, straight from the runtime', async () => {
		const { run } = await open({
			'node_modules/pkg/package.json': '{}',
			'node_modules/pkg/lib/index.js': 'x'
		});
		expect((await run('list', { path: 'node_modules/pkg' })).output).toBe(
			'node_modules/pkg/\n  lib/\n  package.json\n\n(Not indexed: one level shown. List a subfolder to go deeper.)'
		);
	});

	it('refuses a file and a missing folder', async () => {
		const { run } = await open({ 'a.txt': 'x' });
		expect((await run('list', { path: 'a.txt' })).output).toContain("'a.txt' is a file");
		expect((await run('list', { path: 'nope' })).output).toContain("Folder not found: 'nope'");
	});
});
