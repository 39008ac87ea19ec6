/**
 * Binary files, invalid UTF-8 and a 50 MB file through the tools the model uses (read, edit,
 * grep) and the workspace index, on the browser runtime (just-bash, as in the page). Each row
 * quotes what the tool answered.
 */
import { describe, expect, test } from 'vitest';
import { createBrowserRuntime } from '../../src/lib/runtime/browser';
import { recordRow } from '../suite-table/row';
import { useHarness, type Files } from '../unit/tools/harness';

const open = useHarness(async (files: Files) => ({
	runtime: await createBrowserRuntime({ files })
}));

const PNG = new Uint8Array([
	0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52
]);
/** Latin-1 text saved as is: no NUL, but 0xE9 alone is not UTF-8. */
const LATIN1 = new Uint8Array([
	...new TextEncoder().encode('caf'),
	0xe9,
	0x0a,
	...new TextEncoder().encode('needle\n')
]);
/** Valid for the first 8 KB (what the index sniffs), broken after it. */
const LATE_INVALID = new Uint8Array([
	...new TextEncoder().encode('a'.repeat(9000) + '\nkeep me\n'),
	0xff,
	0xfe,
	...new TextEncoder().encode('\nend needle\n')
]);

const said = (result: { ok: boolean; output: string }) =>
	`${result.ok ? 'ok' : 'tool error'}: “${result.output.split('\n')[0]!.slice(0, 160)}”`;

describe('binary and invalid UTF-8 files', () => {
	test('a PNG through read, edit and grep', async ({ task }) => {
		const { run, workspace } = await open({ 'logo.png': PNG });
		const read = await run('read', { path: 'logo.png' });
		const edit = await run('edit', { path: 'logo.png', old_string: 'PNG', new_string: 'GIF' });
		const grep = await run('grep', { pattern: 'IHDR' });
		expect(read.ok).toBe(false);
		expect(edit.ok).toBe(false);
		expect(workspace.getFile('logo.png')?.binary).toBe(true);
		expect(Array.from(await workspace.readBytes('logo.png'))).toEqual(Array.from(PNG));
		recordRow(task, {
			input: 'binary file logo.png (PNG header, NUL bytes): read, edit, grep',
			'what Kiln did': `read → ${said(read)}; edit → ${said(edit)}; grep → ${said(grep)}; bytes unchanged`
		});
	});

	test('Latin-1 text (invalid UTF-8 at the start)', async ({ task }) => {
		const { run, workspace } = await open({ 'old.txt': LATIN1 });
		const read = await run('read', { path: 'old.txt' });
		const edit = await run('edit', { path: 'old.txt', old_string: 'needle', new_string: 'pin' });
		const grep = await run('grep', { pattern: 'needle' });
		expect(read.ok).toBe(false);
		expect(Array.from(await workspace.readBytes('old.txt'))).toEqual(Array.from(LATIN1));
		recordRow(task, {
			input: "old.txt with a lone 0xE9 byte ('caf\\xE9'): read, edit, grep",
			'what Kiln did': `read → ${said(read)}; edit → ${said(edit)}; grep → ${said(grep)}; bytes unchanged`
		});
	});

	test('invalid UTF-8 after the first 8 KB: edit never rewrites the broken bytes', async ({
		task
	}) => {
		const { run, workspace } = await open({ 'late.txt': LATE_INVALID });
		const read = await run('read', { path: 'late.txt', offset: 2, limit: 3 });
		const edit = await run('edit', {
			path: 'late.txt',
			old_string: 'keep me',
			new_string: 'changed'
		});
		const grep = await run('grep', { pattern: 'end needle', output_mode: 'content' });
		const bytes = await workspace.readBytes('late.txt');
		expect(edit.ok).toBe(false);
		expect(Array.from(bytes)).toEqual(Array.from(LATE_INVALID));
		expect(grep.output).toContain('late.txt');
		recordRow(task, {
			input: 'late.txt: 9 KB of valid text, then bytes 0xFF 0xFE: read part, edit, grep',
			'what Kiln did': `read → ${said(read)}; edit → ${said(edit)}; grep → ${said(grep)}; bytes unchanged`
		});
	});
});

describe('a 50 MB file', () => {
	test('read, read a part, grep and the workspace index', async ({ task }) => {
		const line = 'x'.repeat(99) + '\n';
		const text = line.repeat(500_000) + 'the needle at the end\n';
		const { run, workspace } = await open({ 'big.log': text });
		const indexed = workspace.getFile('big.log');
		const read = await run('read', { path: 'big.log' });
		const part = await run('read', { path: 'big.log', offset: 500_001, limit: 1 });
		const started = performance.now();
		const grep = await run('grep', { pattern: 'needle', output_mode: 'content' });
		const grepMs = Math.round(performance.now() - started);
		expect(read.ok).toBe(false);
		expect(part.output).toContain('the needle at the end');
		expect(grep.output).toContain('the needle at the end');
		recordRow(task, {
			input: 'big.log, 50 MB of text with one match on the last line',
			'what Kiln did':
				`index: ${indexed ? `${indexed.size} bytes, binary ${indexed.binary}` : 'not indexed'}; ` +
				`read → ${said(read)}; read offset 500001 → ${said(part)}; grep → ${said(grep)} in ${grepMs} ms`
		});
	}, 120_000);
});
