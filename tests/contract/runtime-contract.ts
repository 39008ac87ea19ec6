/**
 * The runtime contract: one suite that every Runtime implementation must pass. It is imported
 * by the Node-side unit tests (node runtime, browser runtime, WebContainer adapter over its test
 * double) and by the in-Chromium browser tests, so all of them are held to the same behaviour.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isFsError, type FsEvent, type Runtime } from '../../src/lib/runtime/types';

export interface ContractSubject {
	runtime: Runtime;
	cleanup?: () => Promise<void>;
}

export function describeRuntimeContract(name: string, setup: () => Promise<ContractSubject>) {
	describe(`runtime contract: ${name}`, () => {
		let subject: ContractSubject;
		let runtime: Runtime;

		beforeEach(async () => {
			subject = await setup();
			runtime = subject.runtime;
		});

		afterEach(async () => {
			await runtime.dispose();
			await subject.cleanup?.();
		});

		describe('files', () => {
			it('writes and reads text and bytes', async () => {
				await runtime.fs.writeFile('hello.txt', 'héllo\n');
				expect(await runtime.fs.readTextFile('hello.txt')).toBe('héllo\n');
				const bytes = new Uint8Array([0, 1, 2, 250, 255]);
				await runtime.fs.writeFile('data.bin', bytes);
				expect(Array.from(await runtime.fs.readFile('data.bin'))).toEqual(Array.from(bytes));
			});

			it('overwrites a file', async () => {
				await runtime.fs.writeFile('a.txt', 'one');
				await runtime.fs.writeFile('a.txt', 'two');
				expect(await runtime.fs.readTextFile('a.txt')).toBe('two');
			});

			it('accepts ./, leading slash and nested paths the same way', async () => {
				await runtime.fs.mkdir('src/lib', { recursive: true });
				await runtime.fs.writeFile('/src/lib/x.ts', 'x');
				expect(await runtime.fs.readTextFile('./src/lib/x.ts')).toBe('x');
			});

			it('refuses paths that climb out of the project', async () => {
				await expect(runtime.fs.readTextFile('../outside.txt')).rejects.toSatisfy((error) =>
					isFsError(error, 'EINVAL')
				);
			});

			it('mkdir creates nested folders only when recursive', async () => {
				await expect(runtime.fs.mkdir('p/q/r')).rejects.toSatisfy((error) => isFsError(error));
				await runtime.fs.mkdir('p/q/r', { recursive: true });
				await runtime.fs.mkdir('p/q/r', { recursive: true });
				const entries = await runtime.fs.readdir('p/q');
				expect(entries).toEqual([{ name: 'r', type: 'directory' }]);
			});

			it('readdir lists files and folders with their types', async () => {
				await runtime.fs.mkdir('dir/sub', { recursive: true });
				await runtime.fs.writeFile('dir/b.txt', 'b');
				await runtime.fs.writeFile('dir/a.txt', 'a');
				const entries = await runtime.fs.readdir('dir');
				expect([...entries].sort((x, y) => x.name.localeCompare(y.name))).toEqual([
					{ name: 'a.txt', type: 'file' },
					{ name: 'b.txt', type: 'file' },
					{ name: 'sub', type: 'directory' }
				]);
			});

			it('rm removes files, and folders only when recursive', async () => {
				await runtime.fs.mkdir('gone/inner', { recursive: true });
				await runtime.fs.writeFile('gone/inner/f.txt', 'f');
				await runtime.fs.writeFile('single.txt', 's');
				await runtime.fs.rm('single.txt');
				await expect(runtime.fs.readTextFile('single.txt')).rejects.toSatisfy((error) =>
					isFsError(error, 'ENOENT')
				);
				await expect(runtime.fs.rm('gone')).rejects.toSatisfy((error) => isFsError(error));
				await runtime.fs.rm('gone', { recursive: true });
				await expect(runtime.fs.readdir('gone')).rejects.toSatisfy((error) =>
					isFsError(error, 'ENOENT')
				);
			});

			it('rm with force ignores a missing path', async () => {
				await runtime.fs.rm('never-was.txt', { force: true });
				await expect(runtime.fs.rm('never-was.txt')).rejects.toSatisfy((error) =>
					isFsError(error, 'ENOENT')
				);
			});

			it('renames files and folders', async () => {
				await runtime.fs.mkdir('old/deep', { recursive: true });
				await runtime.fs.writeFile('old/deep/f.txt', 'content');
				await runtime.fs.rename('old', 'new');
				expect(await runtime.fs.readTextFile('new/deep/f.txt')).toBe('content');
				await expect(runtime.fs.readdir('old')).rejects.toSatisfy((error) =>
					isFsError(error, 'ENOENT')
				);
				await runtime.fs.rename('new/deep/f.txt', 'moved.txt');
				expect(await runtime.fs.readTextFile('moved.txt')).toBe('content');
			});

			it('reports missing paths as ENOENT', async () => {
				await expect(runtime.fs.readFile('missing.txt')).rejects.toSatisfy((error) =>
					isFsError(error, 'ENOENT')
				);
				await expect(runtime.fs.readTextFile('missing/deeper.txt')).rejects.toSatisfy((error) =>
					isFsError(error, 'ENOENT')
				);
				await expect(runtime.fs.readdir('missing')).rejects.toSatisfy((error) =>
					isFsError(error, 'ENOENT')
				);
				await expect(runtime.fs.rename('missing', 'elsewhere')).rejects.toSatisfy((error) =>
					isFsError(error, 'ENOENT')
				);
				await expect(runtime.fs.writeFile('no/such/dir/f.txt', 'x')).rejects.toSatisfy((error) =>
					isFsError(error, 'ENOENT')
				);
			});

			it('stat, where offered, reports type and size', async () => {
				if (!runtime.capabilities.stat || !runtime.fs.stat) {
					expect(runtime.fs.stat).toBeUndefined();
					return;
				}
				await runtime.fs.writeFile('sized.txt', '12345');
				const stat = await runtime.fs.stat('sized.txt');
				expect(stat.type).toBe('file');
				expect(stat.size).toBe(5);
				expect(stat.mtimeMs).toBeGreaterThan(0);
				expect((await runtime.fs.stat('')).type).toBe('directory');
				await expect(runtime.fs.stat('nope')).rejects.toSatisfy((error) =>
					isFsError(error, 'ENOENT')
				);
			});
		});

		describe('watch', () => {
			it('reports changes made by commands', async () => {
				const seen: FsEvent[] = [];
				const stop = runtime.fs.watch((events) => seen.push(...events));
				try {
					await runtime.exec('mkdir -p made && echo hi > made/by-command.txt');
					await expect
						.poll(() => seen.some((e) => e.type === 'change' && e.path === 'made/by-command.txt'))
						.toBe(true);
					await runtime.exec('rm made/by-command.txt');
					await expect
						.poll(() => seen.some((e) => e.type === 'remove' && e.path === 'made/by-command.txt'))
						.toBe(true);
				} finally {
					stop();
				}
			});

			it('reports changes made through the fs and stops after unsubscribe', async () => {
				const seen: FsEvent[] = [];
				const stop = runtime.fs.watch((events) => seen.push(...events));
				await runtime.fs.writeFile('through-fs.txt', 'x');
				await expect
					.poll(() => seen.some((e) => e.type === 'change' && e.path === 'through-fs.txt'))
					.toBe(true);
				stop();
				const countAfterStop = seen.length;
				await runtime.fs.writeFile('after-stop.txt', 'y');
				// A later, observed write proves that events after stop() had their chance to arrive.
				const probe: FsEvent[] = [];
				const stopProbe = runtime.fs.watch((events) => probe.push(...events));
				await runtime.fs.writeFile('probe.txt', 'z');
				await expect.poll(() => probe.some((e) => e.path === 'probe.txt')).toBe(true);
				stopProbe();
				expect(seen.slice(countAfterStop).some((e) => e.path === 'after-stop.txt')).toBe(false);
			});
		});

		describe('exec', () => {
			it('returns output and a zero exit code', async () => {
				const result = await runtime.exec('echo hello');
				expect(result.exitCode).toBe(0);
				expect(result.output.trim()).toBe('hello');
				expect(result.timedOut).toBe(false);
				expect(result.aborted).toBe(false);
			});

			it('returns non-zero exit codes and stderr', async () => {
				const result = await runtime.exec('echo oops 1>&2; exit 3');
				expect(result.exitCode).toBe(3);
				expect(result.output).toContain('oops');
			});

			it('sees files written through the fs, and vice versa', async () => {
				await runtime.fs.writeFile('shared.txt', 'from fs');
				expect((await runtime.exec('cat shared.txt')).output).toContain('from fs');
				await runtime.exec('echo from shell > back.txt');
				expect((await runtime.fs.readTextFile('back.txt')).trim()).toBe('from shell');
			});

			it('runs in the given cwd', async () => {
				await runtime.fs.mkdir('sub/dir', { recursive: true });
				await runtime.fs.writeFile('sub/dir/marker.txt', 'here');
				const result = await runtime.exec('cat marker.txt', { cwd: 'sub/dir' });
				expect(result.exitCode).toBe(0);
				expect(result.output).toContain('here');
			});

			it('passes env variables', async () => {
				const result = await runtime.exec('echo "value=$KILN_TEST_VAR"', {
					env: { KILN_TEST_VAR: 'forty-two' }
				});
				expect(result.output).toContain('value=forty-two');
			});

			it('streams output through onOutput', async () => {
				const chunks: string[] = [];
				const result = await runtime.exec('echo one; echo two', {
					onOutput: (chunk) => chunks.push(chunk)
				});
				expect(chunks.join('')).toBe(result.output);
				expect(result.output).toContain('one');
				expect(result.output).toContain('two');
			});

			it('times out a command that runs too long', async () => {
				const result = await runtime.exec('sleep 30', { timeoutMs: 300 });
				expect(result.timedOut).toBe(true);
				expect(result.exitCode).toBe(124);
			});

			it('aborts a running command through its signal', async () => {
				const controller = new AbortController();
				const running = runtime.exec('sleep 30', { signal: controller.signal });
				controller.abort();
				const result = await running;
				expect(result.aborted).toBe(true);
				expect(result.exitCode).toBe(130);
			});

			it('returns at once for a signal that was already aborted', async () => {
				const controller = new AbortController();
				controller.abort();
				const result = await runtime.exec('echo never > never.txt', { signal: controller.signal });
				expect(result.aborted).toBe(true);
				await expect(runtime.fs.readFile('never.txt')).rejects.toSatisfy((error) =>
					isFsError(error, 'ENOENT')
				);
			});
		});

		describe('shell', () => {
			it('runs a command typed into an interactive shell', async () => {
				const shell = await runtime.openShell({ cols: 80, rows: 24 });
				let screen = '';
				const stop = shell.onData((data) => (screen += data));
				try {
					shell.write('echo shell-$((40+2))\r');
					await expect.poll(() => screen.includes('shell-42')).toBe(true);
				} finally {
					stop();
					shell.kill();
				}
			});
		});

		it('describes itself', () => {
			expect(runtime.capabilities.label.length).toBeGreaterThan(0);
			expect(runtime.capabilities.summary.length).toBeGreaterThan(0);
		});
	});
}
