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

	it('leaves program output that merely mentions the same words alone', () => {
		const text = 'docs: increase executionLimits.maxCommandCount in your config\n';
		expect(inTerminalWords(`  ${text}`)).toBe(`  ${text}`);
		expect(inTerminalWords('see the Node.js bundle\n')).toBe('see the Node.js bundle\n');
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
