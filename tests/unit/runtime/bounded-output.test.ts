import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BoundedOutput, OUTPUT_HEAD_CHARS, OUTPUT_TAIL_CHARS } from '../../../src/lib/runtime';
import { createNodeRuntime } from '../../../src/lib/runtime/node';

async function processesNamed(name: string): Promise<string[]> {
	const found: string[] = [];
	for (const pid of await readdir('/proc')) {
		if (!/^\d+$/.test(pid)) continue;
		const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
		if (cmdline.split('\0')[0] === name) found.push(pid);
	}
	return found;
}

describe('BoundedOutput', () => {
	it('keeps short output as it is', () => {
		const output = new BoundedOutput(10, 10);
		output.append('hello ');
		output.append('world');
		expect(output.text).toBe('hello world');
		expect(output.omittedBytes).toBe(0);
	});

	it('keeps the head and the tail and counts the bytes in between', () => {
		const output = new BoundedOutput(4, 4);
		for (const chunk of ['abcd', 'é'.repeat(50), 'wxyz']) output.append(chunk);
		expect(output.text).toBe('abcd\n… 100 bytes omitted …\nwxyz');
		expect(output.omittedBytes).toBe(100);
	});

	it('counts a tail that grew past its limit without being cut yet', () => {
		const output = new BoundedOutput(2, 3);
		output.append('ab');
		output.append('12345');
		expect(output.text).toBe('ab\n… 2 bytes omitted …\n345');
	});
});

describe('node exec bounds output while it streams', () => {
	it('keeps 100 MB of `yes` to a bounded string and counts the rest', async () => {
		const root = await mkdtemp(join(tmpdir(), 'kiln-bounded-'));
		const runtime = await createNodeRuntime({ root });
		try {
			let streamed = 0;
			const result = await runtime.exec('yes | head -c 100000000', {
				onOutput: (chunk) => (streamed += chunk.length)
			});
			expect(result.exitCode).toBe(0);
			expect(streamed).toBe(100_000_000);
			expect(result.output.length).toBeLessThan(OUTPUT_HEAD_CHARS + OUTPUT_TAIL_CHARS + 100);
			expect(result.omittedBytes).toBe(100_000_000 - OUTPUT_HEAD_CHARS - OUTPUT_TAIL_CHARS);
			expect(result.output).toMatch(/^y\ny\n[\s\S]*\n… 99,868,928 bytes omitted …\ny\n[\s\S]*y\n$/);
		} finally {
			await runtime.dispose();
			await rm(root, { recursive: true, force: true });
		}
	}, 60_000);

	it('stops an endless `yes` at the timeout with memory bounded', async () => {
		const root = await mkdtemp(join(tmpdir(), 'kiln-bounded-'));
		const runtime = await createNodeRuntime({ root });
		try {
			const before = process.memoryUsage().rss;
			// Named, to find it in /proc afterwards.
			const result = await runtime.exec('exec -a kiln-bounded-yes yes', { timeoutMs: 1500 });
			expect(result).toMatchObject({ timedOut: true, exitCode: 124 });
			expect(result.output.length).toBeLessThan(OUTPUT_HEAD_CHARS + OUTPUT_TAIL_CHARS + 100);
			expect(result.omittedBytes).toBeGreaterThan(1_000_000);
			// Whatever `yes` printed, the process did not keep it (generous: GC timing varies).
			expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
			// And `yes` itself was killed at the timeout.
			expect(await processesNamed('kiln-bounded-yes')).toEqual([]);
		} finally {
			await runtime.dispose();
			await rm(root, { recursive: true, force: true });
		}
	}, 30_000);
});
