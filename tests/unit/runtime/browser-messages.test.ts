import { describe, expect, it } from 'vitest';
import { inTerminalWords } from '../../../src/lib/runtime/browser/bash-messages';
import { createBrowserRuntime } from '../../../src/lib/runtime/browser';

describe("just-bash's messages in the terminal's words", () => {
	it('names what to use instead of a program the offline runtime lacks', async () => {
		const runtime = await createBrowserRuntime({});
		try {
			const result = await runtime.exec('sqlite3 db.sqlite "select 1"');
			expect(result.exitCode).not.toBe(0);
			expect(result.output).toMatch(/^bash: sqlite3: not available in the offline terminal: /);
			expect(result.output).toContain('Kiln CLI');
			expect(result.output).not.toMatch(/Node\.js bundle|Exclude/);
			const limits = await runtime.exec('f() { f; }; f');
			expect(limits.output).toContain('f: maximum recursion depth (100) exceeded');
			expect(limits.output).toContain('the offline terminal stops functions nested this deep');
			expect(limits.output).not.toContain('executionLimits');
		} finally {
			await runtime.dispose();
		}
	});

	it("says bash's words when a command line ends too early, and for other syntax errors", async () => {
		const runtime = await createBrowserRuntime({});
		try {
			const ended = 'bash: syntax error: unexpected end of file\n';
			// just-bash says "Expected DONE, got EOF" and, for the last two, "unexpected token `fi'".
			for (const line of ['for i in 1 2; do', 'f() {', 'if true; then', 'while true; do']) {
				expect(await runtime.exec(line), line).toMatchObject({ exitCode: 2, output: ended });
			}
			expect((await runtime.exec("bash -c 'for i in 1; do'")).output).toBe(ended);
			expect((await runtime.exec("eval 'case x in'")).output).toBe(
				'bash: eval: syntax error: unexpected end of file\n'
			);
			expect((await runtime.exec('echo a; fi')).output).toBe(
				"bash: line 1: syntax error near unexpected token `fi'\n"
			);
			expect((await runtime.exec('echo $(echo a')).output).toBe(
				"bash: line 1: unexpected EOF while looking for matching `)'\n"
			);
		} finally {
			await runtime.dispose();
		}
	});

	it('leaves program output that merely mentions the same words alone', () => {
		const text = 'docs: increase executionLimits.maxCommandCount in your config\n';
		expect(inTerminalWords(`  ${text}`)).toBe(`  ${text}`);
		expect(inTerminalWords('see the Node.js bundle\n')).toBe('see the Node.js bundle\n');
		expect(inTerminalWords('Expected DONE, got EOF\n')).toBe('Expected DONE, got EOF\n');
	});

	it('delivers stderr interleaved with stdout, in the order it was written', async () => {
		const runtime = await createBrowserRuntime({});
		try {
			const chunks: string[] = [];
			const result = await runtime.exec('echo a; echo b >&2; echo c', {
				onOutput: (chunk) => chunks.push(chunk)
			});
			expect(result.output).toBe('a\nb\nc\n');
			expect(chunks.join('')).toBe('a\nb\nc\n');
		} finally {
			await runtime.dispose();
		}
	});
});
