import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
	createWebContainerRuntime,
	mountFiles,
	toFileSystemTree
} from '../../../src/lib/runtime/webcontainer';
import { isFsError, type PreviewEvent, type Runtime } from '../../../src/lib/runtime/types';
import { describeProcessContract } from '../../contract/process-contract';
import { describeRuntimeContract } from '../../contract/runtime-contract';
import { FakeWebContainer } from '../../fakes/webcontainer';

describeRuntimeContract('webcontainer (test double)', async () => {
	const fake = await FakeWebContainer.create();
	return { runtime: createWebContainerRuntime(fake), cleanup: () => fake.destroy() };
});

describeProcessContract('webcontainer (test double)', async () => {
	const fake = await FakeWebContainer.create();
	return { runtime: createWebContainerRuntime(fake), cleanup: () => fake.destroy() };
});

describe('webcontainer adapter', () => {
	let fake: FakeWebContainer;
	let runtime: Runtime;

	beforeEach(async () => {
		fake = await FakeWebContainer.create();
		runtime = createWebContainerRuntime(fake);
	});

	afterEach(async () => {
		await runtime.dispose();
		await fake.destroy();
	});

	it('describes itself as WebContainer, with Node and npm and without stat', () => {
		expect(runtime.capabilities).toMatchObject({
			kind: 'webcontainer',
			label: 'WebContainer',
			node: true,
			npm: true,
			stat: false,
			preview: 'server'
		});
		expect(runtime.fs.stat).toBeUndefined();
		expect(runtime.capabilities.summary).toMatch(/jsh/);
		expect(runtime.capabilities.summary).toMatch(/grep/);
	});

	it('spawns background processes as `jsh -c` without waiting, and gives them the server-ready URL', async () => {
		const processes = runtime.processes!;
		await processes.start('echo "port 4173"; sleep 300', { startedBy: 'agent' });
		await processes.start('sleep 300', { startedBy: 'person' });
		expect(fake.spawns.at(-1)).toMatchObject({
			command: 'jsh',
			args: ['-c', 'sleep 300'],
			options: { cwd: fake.workdir, output: true }
		});
		await vi.waitFor(() => expect(processes.recentOutput('bash_1')).toContain('port 4173'));
		// The server that printed its port gets the URL, though another process started later.
		await fake.emit('server-ready', 4173, 'https://abc--4173.local-credentialless.webcontainer.io');
		expect(processes.get('bash_1')?.url).toBe(
			'https://abc--4173.local-credentialless.webcontainer.io'
		);
		expect(processes.get('bash_2')?.url).toBeUndefined();
	});

	it('gives a server-ready URL to the process that prints its port later, and a terminal server to none', async () => {
		const processes = runtime.processes!;
		// bash_1 waits for the test's go-ahead before it says where it listens.
		await processes.start(
			'while [ ! -f go ]; do sleep 0.05; done; echo "Local: http://localhost:4174/"; sleep 300',
			{ startedBy: 'agent' }
		);
		await processes.start('echo watching; sleep 300', { startedBy: 'agent' });
		await vi.waitFor(() => expect(processes.recentOutput('bash_2')).toContain('watching'));
		// A server the person started in the terminal: no process printed its port.
		await fake.emit('server-ready', 3000, 'https://abc--3000.local-credentialless.webcontainer.io');
		// bash_1's server comes up before its output says so.
		await fake.emit('server-ready', 4174, 'https://abc--4174.local-credentialless.webcontainer.io');
		expect(processes.get('bash_1')?.url).toBeUndefined();
		expect(processes.get('bash_2')?.url).toBeUndefined();
		await writeFile(join(fake.workdir, 'go'), '');
		await vi.waitFor(() =>
			expect(processes.get('bash_1')?.url).toBe(
				'https://abc--4174.local-credentialless.webcontainer.io'
			)
		);
		expect(processes.get('bash_2')?.url).toBeUndefined();
	});

	it('runs commands as `jsh -c` in the absolute workdir path', async () => {
		await runtime.fs.mkdir('sub', { recursive: true });
		await runtime.exec('true', { cwd: 'sub' });
		expect(fake.spawns.at(-1)).toMatchObject({
			command: 'jsh',
			args: ['-c', 'true'],
			options: { cwd: `${fake.workdir}/sub`, output: true }
		});
	});

	it('opens the shell as jsh on a terminal of the asked size, and passes resizes on', async () => {
		const shell = await runtime.openShell({ cols: 100, rows: 30 });
		try {
			expect(fake.spawns.at(-1)).toMatchObject({
				command: 'jsh',
				args: [],
				options: { terminal: { cols: 100, rows: 30 } }
			});
			shell.resize(120, 40);
			expect(fake.processes.at(-1)?.resizes).toEqual([{ cols: 120, rows: 40 }]);
		} finally {
			shell.kill();
		}
		expect(typeof (await shell.exit)).toBe('number');
	});

	it('cleans terminal escapes and CRLF out of command output', async () => {
		const result = await runtime.exec("printf '\\033[31mred\\033[0m\\nnext\\n'");
		expect(result.output).toBe('red\nnext\n');
	});

	it('maps messages of errors that lost their code to RuntimeFsError codes', async () => {
		await runtime.fs.mkdir('full/inner', { recursive: true });
		await expect(runtime.fs.mkdir('full')).rejects.toSatisfy((e) => isFsError(e, 'EEXIST'));
		await runtime.fs.writeFile('plain.txt', 'x');
		await expect(runtime.fs.readdir('plain.txt')).rejects.toSatisfy((e) => isFsError(e, 'ENOTDIR'));
		await expect(runtime.fs.readTextFile('full')).rejects.toSatisfy((e) => isFsError(e, 'EISDIR'));
	});

	it('reports ENOENT for a write into a missing folder even when the error names no code', async () => {
		fake.fs.writeFile = async () => {
			throw new Error('write failed');
		};
		await expect(runtime.fs.writeFile('no/such/f.txt', 'x')).rejects.toSatisfy((e) =>
			isFsError(e, 'ENOENT')
		);
		await expect(runtime.fs.writeFile('f.txt', 'x')).rejects.toThrow(
			"WebContainer could not write 'f.txt': write failed"
		);
	});

	it('refuses to remove the project root', async () => {
		await expect(runtime.fs.rm('/', { recursive: true, force: true })).rejects.toSatisfy((e) =>
			isFsError(e, 'EINVAL')
		);
	});

	it('reports folders created by commands as mkdir and removed ones as remove', async () => {
		const seen: string[] = [];
		const stop = runtime.fs.watch((events) =>
			seen.push(...events.map((e) => `${e.type} ${e.path}`))
		);
		try {
			await runtime.exec('mkdir made');
			await expect.poll(() => seen).toContain('mkdir made');
			await runtime.exec('rmdir made');
			await expect.poll(() => seen).toContain('remove made');
		} finally {
			stop();
		}
	});

	it('keeps delivering watch events after a listener threw', async () => {
		const seen: string[] = [];
		const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
		const stopFaulty = runtime.fs.watch(() => {
			throw new Error('listener bug');
		});
		const stop = runtime.fs.watch((events) =>
			seen.push(...events.map((e) => `${e.type} ${e.path}`))
		);
		try {
			await runtime.exec('mkdir first');
			await expect.poll(() => seen).toContain('mkdir first');
			await runtime.exec('mkdir second');
			await expect.poll(() => seen).toContain('mkdir second');
			expect(errors).toHaveBeenCalled();
		} finally {
			stop();
			stopFaulty();
			errors.mockRestore();
		}
	});

	it('turns server-ready and port-close events into preview events', async () => {
		const events: PreviewEvent[] = [];
		// The adapter listens for itself too (it gives servers' URLs to its processes).
		const own = { ready: fake.listenerCount('server-ready'), port: fake.listenerCount('port') };
		const stop = runtime.onPreview((event) => events.push(event));
		await fake.emit('port', 5173, 'open', 'https://x--5173.local');
		await fake.emit('server-ready', 5173, 'https://x--5173.local');
		await fake.emit('port', 5173, 'close', 'https://x--5173.local');
		expect(events).toEqual([
			{ type: 'ready', port: 5173, url: 'https://x--5173.local' },
			{ type: 'closed', port: 5173 }
		]);
		stop();
		expect(fake.listenerCount('server-ready')).toBe(own.ready);
		expect(fake.listenerCount('port')).toBe(own.port);
		await fake.emit('server-ready', 3000, 'https://x--3000.local');
		expect(events).toHaveLength(2);
	});

	it('drops preview listeners and kills running commands on dispose', async () => {
		runtime.onPreview(() => undefined);
		const running = runtime.exec('sleep 30');
		await expect.poll(() => fake.processes.length).toBe(1);
		await runtime.dispose();
		expect(fake.listenerCount('server-ready')).toBe(0);
		expect(await fake.processes[0]?.exit).not.toBe(0);
		await running;
		await expect(runtime.exec('echo late')).rejects.toThrow(/disposed/);
	});
});

describe('mountFiles', () => {
	it('builds a nested FileSystemTree from flat project paths', () => {
		const bytes = new Uint8Array([1, 2, 3]);
		expect(
			toFileSystemTree({ 'src/lib/a.ts': 'a', './src/b.bin': bytes, 'README.md': '#' })
		).toEqual({
			src: {
				directory: {
					lib: { directory: { 'a.ts': { file: { contents: 'a' } } } },
					'b.bin': { file: { contents: bytes } }
				}
			},
			'README.md': { file: { contents: '#' } }
		});
	});

	it('refuses a path that is both a file and a folder, and paths outside the project', () => {
		expect(() => toFileSystemTree({ a: 'file', 'a/b': 'inside a file' })).toThrow(/ENOTDIR/);
		expect(() => toFileSystemTree({ '../x': 'x' })).toThrow(/outside the project/);
	});

	it('mounts files into the container, optionally below a folder', async () => {
		const fake = await FakeWebContainer.create();
		try {
			await mountFiles(fake, { 'src/main.ts': 'main', 'package.json': '{}' });
			await mountFiles(fake, { 'x.txt': 'x' }, { mountPoint: 'nested/dir' });
			const runtime = createWebContainerRuntime(fake);
			expect(await runtime.fs.readTextFile('src/main.ts')).toBe('main');
			expect(await runtime.fs.readTextFile('package.json')).toBe('{}');
			expect(await runtime.fs.readTextFile('nested/dir/x.txt')).toBe('x');
			await runtime.dispose();
		} finally {
			await fake.destroy();
		}
	});
});
