import { expect, it } from 'vitest';
import { createBrowserRuntime } from '../../src/lib/runtime/browser';
import { describeRuntimeContract } from '../contract/runtime-contract';

describeRuntimeContract('browser (in Chromium)', async () => ({
	runtime: await createBrowserRuntime()
}));

it('runs gzip in the page, where Buffer and node:zlib are provided for just-bash', async () => {
	const runtime = await createBrowserRuntime({ files: { 'z.txt': 'zip me' } });
	try {
		const result = await runtime.exec('gzip z.txt && gunzip -c z.txt.gz');
		expect(result.output).toBe('zip me');
		expect(result.exitCode).toBe(0);
	} finally {
		await runtime.dispose();
	}
});

// The page runs just-bash's Node build, split by command (tooling/just-bash-split.ts): each
// command's code arrives when first run, and what needs Node answers as the browser build did.
it('loads commands on first use, none reaching a Node facility the page lacks', async () => {
	const runtime = await createBrowserRuntime({
		files: { 'a.txt': 'b\na\nb\n', 'b.json': '{"k":[1,2]}', 'p.html': '<h1>T</h1>' }
	});
	try {
		const lines = [
			'sort a.txt | uniq -c | sort -rn | head -1',
			"awk '{ n += 1 } END { print n }' a.txt",
			"sed -n '2p' a.txt",
			'jq -c .k b.json',
			'diff a.txt a.txt && echo same',
			'find . -name "*.json" | xargs wc -l',
			'printf x | base64 | base64 -d',
			'md5sum a.txt | cut -c1-8',
			'html-to-markdown p.html',
			'seq 3 | tac | paste -s -d, -',
			'grep -c b a.txt; rg -c b a.txt',
			'od -c a.txt | head -1',
			'file b.json',
			'tree . | tail -1'
		];
		const results = await Promise.all(lines.map((line) => runtime.exec(line)));
		const outputs = results.map(({ output }) => output);
		expect(outputs.join('\n')).not.toMatch(/not available in the browser|is not installed/);
		expect(results.map(({ exitCode }) => exitCode)).toEqual(lines.map(() => 0));
		expect(outputs[0]).toMatch(/^ *2 b\n$/);
		expect(outputs.slice(1, 5)).toEqual(['3\n', 'a\n', '[1,2]\n', 'same\n']);
		expect(outputs[6]).toBe('x');
		expect(outputs[8]).toContain('# T');
		expect(outputs[9]).toBe('3,2,1\n');
	} finally {
		await runtime.dispose();
	}
});

it('says what to do instead for the programs just-bash runs only under Node', async () => {
	const runtime = await createBrowserRuntime({ files: { 'a.txt': 'a' } });
	try {
		for (const line of ['tar -cf a.tar a.txt', 'sqlite3 db "select 1"', 'python3 -c 1']) {
			const result = await runtime.exec(line);
			expect(result.exitCode, line).toBe(127);
			expect(result.output, line).toMatch(/^bash: \S+: not available in the offline terminal: /);
		}
	} finally {
		await runtime.dispose();
	}
});
