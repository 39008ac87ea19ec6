import { describe, expect, it } from 'vitest';
import { RUNTIMES, useHarness } from './harness';

describe.each(RUNTIMES)('write on the %s runtime', (_name, create) => {
	const open = useHarness(create);

	it('creates a file and its parent folders, with a diff for the card', async () => {
		const { run, workspace, runtime } = await open();
		const result = await run('write', {
			path: 'src/deep/new.ts',
			content: 'export const a = 1;\n'
		});
		expect(result).toMatchObject({
			ok: true,
			output: "Created 'src/deep/new.ts' (1 line).",
			metadata: { path: 'src/deep/new.ts', created: true }
		});
		expect(result.metadata?.diff).toContain('+export const a = 1;');
		expect(result.metadata?.diff).toContain('+++ b/src/deep/new.ts');
		expect(await runtime.fs.readTextFile('src/deep/new.ts')).toBe('export const a = 1;\n');
		expect(workspace.peekText('src/deep/new.ts')).toBe('export const a = 1;\n');
	});

	it('refuses to overwrite a file that was not read in this session', async () => {
		const { run, runtime } = await open({ 'a.txt': 'original\n' });
		const result = await run('write', { path: 'a.txt', content: 'replaced\n' });
		expect(result.ok).toBe(false);
		expect(result.output).toContain('has not been read in this session');
		expect(await runtime.fs.readTextFile('a.txt')).toBe('original\n');
	});

	it('overwrites a file after reading it, and shows what changed', async () => {
		const { run, runtime } = await open({ 'a.txt': 'one\ntwo\n' });
		await run('read', { path: 'a.txt' });
		const result = await run('write', { path: 'a.txt', content: 'one\nthree\n' });
		expect(result).toMatchObject({ ok: true, metadata: { created: false } });
		expect(result.metadata?.diff).toContain('-two\n+three');
		expect(await runtime.fs.readTextFile('a.txt')).toBe('one\nthree\n');
	});

	it('refuses to overwrite a file that changed since it was read', async () => {
		const { run, runtime } = await open({ 'a.txt': 'one\n' });
		await run('read', { path: 'a.txt' });
		await runtime.exec('echo changed-by-a-command > a.txt');
		const result = await run('write', { path: 'a.txt', content: 'mine\n' });
		expect(result.ok).toBe(false);
		expect(result.output).toContain('has changed since it was last read');
		expect(await runtime.fs.readTextFile('a.txt')).toBe('changed-by-a-command\n');
	});

	it('lets a second write follow the first without another read', async () => {
		const { run } = await open();
		await run('write', { path: 'a.txt', content: 'first\n' });
		expect((await run('write', { path: 'a.txt', content: 'second\n' })).ok).toBe(true);
	});

	it('refuses a folder and a path outside the project', async () => {
		const { run } = await open({ 'src/a.ts': '' });
		expect((await run('write', { path: 'src', content: 'x' })).output).toContain(
			"'src' is a folder"
		);
		expect((await run('write', { path: '/../x', content: 'x' })).output).toContain(
			'outside the project'
		);
	});
});

describe.each(RUNTIMES)('edit on the %s runtime', (_name, create) => {
	const open = useHarness(create);

	async function openRead(files: Record<string, string>) {
		const harness = await open(files);
		for (const path of Object.keys(files)) await harness.run('read', { path });
		return harness;
	}

	it('replaces one exact occurrence and returns the changed lines and a diff', async () => {
		const { run, runtime } = await openRead({ 'a.ts': 'const a = 1;\nconst b = 2;\n' });
		const result = await run('edit', { path: 'a.ts', old_string: 'b = 2', new_string: 'b = 3' });
		expect(result.ok).toBe(true);
		expect(result.output).toBe(
			"Edited 'a.ts': replaced 1 occurrence.\n     1\tconst a = 1;\n     2\tconst b = 3;"
		);
		expect(result.metadata).toMatchObject({ path: 'a.ts', replacements: 1 });
		expect(result.metadata?.diff).toContain('-const b = 2;\n+const b = 3;');
		expect(await runtime.fs.readTextFile('a.ts')).toBe('const a = 1;\nconst b = 3;\n');
	});

	it('says how many times old_string occurs when it is not unique', async () => {
		const { run, runtime } = await openRead({ 'a.ts': 'x();\nx();\nx();\n' });
		const result = await run('edit', { path: 'a.ts', old_string: 'x()', new_string: 'y()' });
		expect(result.ok).toBe(false);
		expect(result.output).toContain('occurs 3 times');
		expect(result.output).toContain('replace_all');
		expect(await runtime.fs.readTextFile('a.ts')).toBe('x();\nx();\nx();\n');
	});

	it('replaces every occurrence with replace_all', async () => {
		const { run, runtime } = await openRead({ 'a.ts': 'x();\nx();\nx();\n' });
		const result = await run('edit', {
			path: 'a.ts',
			old_string: 'x()',
			new_string: 'y()',
			replace_all: true
		});
		expect(result).toMatchObject({ ok: true, metadata: { replacements: 3 } });
		expect(await runtime.fs.readTextFile('a.ts')).toBe('y();\ny();\ny();\n');
	});

	it('fails clearly when old_string is not there', async () => {
		const { run } = await openRead({ 'a.ts': 'const a = 1;\n' });
		const result = await run('edit', {
			path: 'a.ts',
			old_string: 'const z',
			new_string: 'const y'
		});
		expect(result.ok).toBe(false);
		expect(result.output).toContain("old_string was not found in 'a.ts'");
	});

	it('hints when old_string matches only with other whitespace', async () => {
		const { run } = await openRead({ 'a.ts': 'if (a) {\n\treturn 1;\n}\n' });
		const result = await run('edit', {
			path: 'a.ts',
			old_string: 'if (a) {\n    return 1;\n}',
			new_string: 'if (a) {\n\treturn 2;\n}'
		});
		expect(result.ok).toBe(false);
		expect(result.output).toContain('does match when whitespace is ignored');
	});

	it("hints when old_string carries read's line numbers", async () => {
		const { run } = await openRead({ 'a.ts': 'const a = 1;\n' });
		const result = await run('edit', {
			path: 'a.ts',
			old_string: '     1\tconst a = 1;',
			new_string: 'const a = 2;'
		});
		expect(result.output).toContain('line numbers');
	});

	it('refuses old_string equal to new_string, and an empty old_string', async () => {
		const { run } = await openRead({ 'a.ts': 'x\n' });
		expect(
			(await run('edit', { path: 'a.ts', old_string: 'x', new_string: 'x' })).output
		).toContain('are the same');
		expect((await run('edit', { path: 'a.ts', old_string: '', new_string: 'y' })).output).toContain(
			'old_string is empty'
		);
	});

	it('refuses a file that was not read first', async () => {
		const { run } = await open({ 'a.ts': 'x\n' });
		const result = await run('edit', { path: 'a.ts', old_string: 'x', new_string: 'y' });
		expect(result.ok).toBe(false);
		expect(result.output).toContain('has not been read in this session');
	});

	it('refuses a file changed since it was read (by a person in the editor)', async () => {
		const { run, workspace, runtime } = await openRead({ 'a.ts': 'x\n' });
		await workspace.writeFile('a.ts', 'x\nperson typed this\n');
		const result = await run('edit', { path: 'a.ts', old_string: 'x', new_string: 'y' });
		expect(result.ok).toBe(false);
		expect(result.output).toContain('changed since it was last read');
		expect(await runtime.fs.readTextFile('a.ts')).toBe('x\nperson typed this\n');
	});

	it('allows consecutive edits without reading again', async () => {
		const { run, runtime } = await openRead({ 'a.ts': 'a\nb\n' });
		expect((await run('edit', { path: 'a.ts', old_string: 'a', new_string: 'A' })).ok).toBe(true);
		expect((await run('edit', { path: 'a.ts', old_string: 'b', new_string: 'B' })).ok).toBe(true);
		expect(await runtime.fs.readTextFile('a.ts')).toBe('A\nB\n');
	});

	it('keeps CRLF line endings when old_string was copied from read', async () => {
		const { run, runtime } = await openRead({ 'win.txt': 'one\r\ntwo\r\nthree\r\n' });
		const result = await run('edit', {
			path: 'win.txt',
			old_string: 'one\ntwo',
			new_string: 'one\n2'
		});
		expect(result.ok).toBe(true);
		expect(await runtime.fs.readTextFile('win.txt')).toBe('one\r\n2\r\nthree\r\n');
	});

	it('says a missing file is missing, with a suggestion', async () => {
		const { run } = await open({ 'src/app.ts': 'x' });
		const result = await run('edit', { path: 'src/ap.ts', old_string: 'x', new_string: 'y' });
		expect(result.output).toContain("File not found: 'src/ap.ts'. Did you mean: 'src/app.ts'");
	});
});
