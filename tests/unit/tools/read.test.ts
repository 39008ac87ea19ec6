import { describe, expect, it } from 'vitest';
import { READ_DEFAULT_LIMIT } from '../../../src/lib/tools';
import { RUNTIMES, useHarness } from './harness';

const numbered = (count: number, from = 1) =>
	Array.from({ length: count }, (_, i) => `line ${from + i}`).join('\n') + '\n';

describe.each(RUNTIMES)('read on the %s runtime', (_name, create) => {
	const open = useHarness(create);

	it('numbers lines like cat -n: right-aligned number, tab, line', async () => {
		const { run } = await open({ 'src/a.ts': 'const a = 1;\n\tindented\n' });
		const result = await run('read', { path: 'src/a.ts' });
		expect(result).toMatchObject({ ok: true, output: '     1\tconst a = 1;\n     2\t\tindented' });
	});

	it('reads an absolute path as rooted at the project', async () => {
		const { run } = await open({ 'src/a.ts': 'x\n' });
		expect((await run('read', { path: '/src/a.ts' })).output).toBe('     1\tx');
	});

	it('refuses a path outside the project', async () => {
		const { run } = await open({ 'a.txt': 'x' });
		const result = await run('read', { path: '../etc/passwd' });
		expect(result.ok).toBe(false);
		expect(result.output).toContain("'../etc/passwd' is outside the project");
	});

	it(`shows at most ${READ_DEFAULT_LIMIT} lines by default and says how to go on`, async () => {
		const { run } = await open({ 'big.txt': numbered(2500) });
		const result = await run('read', { path: 'big.txt' });
		const lines = result.output.split('\n');
		expect(lines[READ_DEFAULT_LIMIT - 1]).toBe(`  2000\tline 2000`);
		expect(result.output).not.toContain('line 2001');
		expect(result.output).toContain('Showing lines 1–2000 of 2500. Continue with offset 2001.');
		expect(result.metadata?.truncated).toBe(true);
	});

	it('reads from a 1-based offset up to a limit', async () => {
		const { run } = await open({ 'f.txt': numbered(10) });
		const result = await run('read', { path: 'f.txt', offset: 4, limit: 3 });
		expect(result.output.split('\n').slice(0, 3)).toEqual([
			'     4\tline 4',
			'     5\tline 5',
			'     6\tline 6'
		]);
		expect(result.output).toContain('Continue with offset 7.');
	});

	it('explains an offset past the end', async () => {
		const { run } = await open({ 'f.txt': numbered(3) });
		const result = await run('read', { path: 'f.txt', offset: 10 });
		expect(result.ok).toBe(false);
		expect(result.output).toContain('offset 10 is past the end');
		expect(result.output).toContain('3 lines');
	});

	it('cuts lines over 2000 characters with a marker', async () => {
		const { run } = await open({ 'min.js': 'x'.repeat(2500) + '\nshort\n' });
		const result = await run('read', { path: 'min.js' });
		const [first, second] = result.output.split('\n');
		expect(first).toBe(`     1\t${'x'.repeat(2000)} … [line cut: 500 more characters]`);
		expect(second).toBe('     2\tshort');
	});

	it('refuses binary files with an explanation', async () => {
		const { run } = await open({
			'logo.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3])
		});
		const result = await run('read', { path: 'logo.png' });
		expect(result.ok).toBe(false);
		expect(result.output).toContain("'logo.png' is a binary file");
	});

	it('suggests similar names for a missing file', async () => {
		const { run } = await open({ 'src/components/Button.svelte': '<button />\n' });
		const result = await run('read', { path: 'src/Button.svelte' });
		expect(result.ok).toBe(false);
		expect(result.output).toContain("File not found: 'src/Button.svelte'");
		expect(result.output).toContain("'src/components/Button.svelte'");
	});

	it('suggests a name one typo away', async () => {
		const { run } = await open({ 'src/main.ts': 'x\n' });
		const result = await run('read', { path: 'src/mian.ts' });
		expect(result.output).toContain("Did you mean: 'src/main.ts'");
	});

	it('says a folder is a folder and points to list', async () => {
		const { run } = await open({ 'src/a.ts': 'x' });
		const result = await run('read', { path: 'src' });
		expect(result.ok).toBe(false);
		expect(result.output).toContain("'src' is a folder");
		expect(result.output).toContain('list');
	});

	it('reads inside node_modules (not indexed) and knows a folder there', async () => {
		const { run } = await open({ 'node_modules/pkg/index.js': 'module.exports = 1;\n' });
		expect((await run('read', { path: 'node_modules/pkg/index.js' })).output).toBe(
			'     1\tmodule.exports = 1;'
		);
		expect((await run('read', { path: 'node_modules/pkg' })).output).toContain(
			"'node_modules/pkg' is a folder"
		);
	});

	it('asks for offset and limit on a huge file, and reads a part of it', async () => {
		const line = 'y'.repeat(99) + '\n';
		const { run } = await open({ 'huge.log': line.repeat(30_000) });
		const whole = await run('read', { path: 'huge.log' });
		expect(whole.ok).toBe(false);
		expect(whole.output).toMatch(/too large to read at once.*offset and limit/s);
		const part = await run('read', { path: 'huge.log', offset: 29_999, limit: 5 });
		expect(part.ok).toBe(true);
		expect(part.output.split('\n')).toEqual([
			` 29999\t${'y'.repeat(99)}`,
			` 30000\t${'y'.repeat(99)}`
		]);
	});

	it('answers an empty file plainly', async () => {
		const { run } = await open({ 'empty.txt': '' });
		expect(await run('read', { path: 'empty.txt' })).toMatchObject({
			ok: true,
			output: "(The file 'empty.txt' is empty.)"
		});
	});

	it('shows CRLF lines without the CR', async () => {
		const { run } = await open({ 'win.txt': 'one\r\ntwo\r\n' });
		expect((await run('read', { path: 'win.txt' })).output).toBe('     1\tone\n     2\ttwo');
	});

	it('records the read in the tracker, with the hash of what it saw', async () => {
		const { run, ctx } = await open({ 'a.txt': 'hello\n' });
		expect(ctx.readTracker.get('a.txt')).toBeUndefined();
		await run('read', { path: './a.txt' });
		expect(ctx.readTracker.get('a.txt')).toMatchObject({ size: 6, hash: expect.any(Number) });
	});

	it('sees a change a command just made', async () => {
		const { run, runtime } = await open({ 'a.txt': 'before\n' });
		await runtime.exec('echo after > a.txt');
		expect((await run('read', { path: 'a.txt' })).output).toBe('     1\tafter');
	});
});
