import { describe, expect, it } from 'vitest';
import { createBrowserRuntime, preloadBrowserRuntime } from '../../../src/lib/runtime/browser';
import { isFsError, type FsEvent, type Runtime } from '../../../src/lib/runtime/types';
import { describeRuntimeContract } from '../../contract/runtime-contract';

describeRuntimeContract('browser', async () => ({ runtime: await createBrowserRuntime() }));

/** Subscribes, runs `act`, and returns every event seen by the time act's promise settles. */
async function eventsDuring(runtime: Runtime, act: () => Promise<unknown>) {
	const batches: FsEvent[][] = [];
	const stop = runtime.fs.watch((events) => batches.push([...events]));
	try {
		await act();
	} finally {
		stop();
	}
	return batches;
}

describe('browser runtime', () => {
	it('describes itself as the offline runtime without Node.js', async () => {
		const runtime = await createBrowserRuntime();
		expect(runtime.capabilities).toMatchObject({
			kind: 'browser',
			label: 'Offline runtime',
			node: false,
			npm: false,
			stat: true,
			preview: 'static'
		});
		expect(runtime.capabilities.summary).toMatch(/no Node\.js or npm/);
	});

	it('starts with the given files', async () => {
		const runtime = await createBrowserRuntime({
			files: { 'src/a.ts': 'export {}', '/b.bin': new Uint8Array([7, 8]) }
		});
		expect(await runtime.fs.readTextFile('src/a.ts')).toBe('export {}');
		expect(Array.from(await runtime.fs.readFile('b.bin'))).toEqual([7, 8]);
		expect((await runtime.exec('find . -type f | sort')).output).toBe('./b.bin\n./src/a.ts\n');
	});

	it('runs commands in /project with HOME at the project root', async () => {
		const runtime = await createBrowserRuntime();
		await runtime.fs.mkdir('src');
		const result = await runtime.exec('pwd; cd ~ && pwd', { cwd: 'src' });
		expect(result.output).toBe('/project/src\n/project\n');
	});

	it('delivers one batch, before exec resolves, for a redirect that writes twice', async () => {
		const runtime = await createBrowserRuntime();
		const batches = await eventsDuring(runtime, () => runtime.exec('echo x > f.txt'));
		expect(batches).toEqual([[{ type: 'change', path: 'f.txt' }]]);
	});

	it('reports every folder that mkdir -p and writes create', async () => {
		const runtime = await createBrowserRuntime();
		const batches = await eventsDuring(runtime, () => runtime.exec('mkdir -p a/b/c'));
		expect(batches.flat()).toEqual([
			{ type: 'mkdir', path: 'a' },
			{ type: 'mkdir', path: 'a/b' },
			{ type: 'mkdir', path: 'a/b/c' }
		]);
	});

	it('reports mv as a removal plus the new paths, and cp -r as new paths', async () => {
		const runtime = await createBrowserRuntime({
			files: { 'old/x.txt': 'x', 'old/in/y.txt': 'y' }
		});
		const moved = (await eventsDuring(runtime, () => runtime.exec('mv old new'))).flat();
		expect(moved).toEqual(
			expect.arrayContaining([
				{ type: 'remove', path: 'old' },
				{ type: 'mkdir', path: 'new' },
				{ type: 'change', path: 'new/x.txt' },
				{ type: 'mkdir', path: 'new/in' },
				{ type: 'change', path: 'new/in/y.txt' }
			])
		);
		const copied = (await eventsDuring(runtime, () => runtime.exec('cp -r new copy'))).flat();
		expect(copied).toEqual(
			expect.arrayContaining([
				{ type: 'mkdir', path: 'copy' },
				{ type: 'change', path: 'copy/in/y.txt' }
			])
		);
	});

	it('reports a removed folder by its own path, and nothing outside the project', async () => {
		const runtime = await createBrowserRuntime({ files: { 'dir/a.txt': 'a' } });
		const batches = await eventsDuring(runtime, () =>
			runtime.exec('echo t > /tmp/outside.txt; rm -r dir')
		);
		expect(batches.flat()).toEqual([{ type: 'remove', path: 'dir' }]);
	});

	it('reports writes made through the fs before the write resolves', async () => {
		const runtime = await createBrowserRuntime();
		const batches = await eventsDuring(runtime, () => runtime.fs.writeFile('n.txt', 'n'));
		expect(batches).toEqual([[{ type: 'change', path: 'n.txt' }]]);
	});

	it('refuses to overwrite a folder with a file and to remove the root', async () => {
		const runtime = await createBrowserRuntime();
		await runtime.fs.mkdir('folder');
		await expect(runtime.fs.writeFile('folder', 'x')).rejects.toSatisfy((error) =>
			isFsError(error, 'EISDIR')
		);
		await expect(runtime.fs.rm('', { recursive: true })).rejects.toSatisfy((error) =>
			isFsError(error, 'EINVAL')
		);
		expect((await runtime.fs.stat!('folder')).type).toBe('directory');
	});

	it('renames a file over another file and refuses a non-empty folder target', async () => {
		const runtime = await createBrowserRuntime({
			files: { 'a.txt': 'a', 'b.txt': 'b', 'full/x': 'x', 'src/s': 's' }
		});
		await runtime.fs.rename('a.txt', 'b.txt');
		expect(await runtime.fs.readTextFile('b.txt')).toBe('a');
		await expect(runtime.fs.rename('src', 'full')).rejects.toSatisfy((error) =>
			isFsError(error, 'ENOTEMPTY')
		);
	});

	it('says so when the working directory does not exist', async () => {
		const runtime = await createBrowserRuntime();
		const result = await runtime.exec('pwd', { cwd: 'nowhere' });
		expect(result.exitCode).toBe(1);
		expect(result.output).toMatch(/'nowhere': no such folder/);
	});

	it('gzips and gunzips (needs a global Buffer)', async () => {
		const runtime = await createBrowserRuntime({ files: { 'z.txt': 'zip me' } });
		const result = await runtime.exec('gzip z.txt && gunzip -c z.txt.gz');
		expect(result.output).toBe('zip me');
	});

	it('keeps the exit code of a command that finished before its timeout', async () => {
		const runtime = await createBrowserRuntime();
		const result = await runtime.exec('exit 4', { timeoutMs: 5000 });
		expect(result).toMatchObject({ exitCode: 4, timedOut: false, aborted: false });
	});

	it('stops running commands on dispose', async () => {
		const runtime = await createBrowserRuntime();
		const running = runtime.exec('sleep 30');
		await runtime.dispose();
		const result = await running;
		expect(result.exitCode).not.toBe(0);
	});

	it('seeds many files in slices: the page gets the thread back, and every file and time is there', async () => {
		await preloadBrowserRuntime();
		const files: Record<string, string> = {};
		const mtimes: Record<string, number> = {};
		for (let i = 0; i < 2_000; i++) {
			files[`src/m${i % 40}/file-${i}.ts`] = `export const value${i} = '${'x'.repeat(4_000)}';\n`;
			mtimes[`src/m${i % 40}/file-${i}.ts`] = Date.UTC(2026, 0, 1) + i * 1_000;
		}
		// A timer set now can only run before the runtime is ready if the seeding yields.
		let timerRan = false;
		setTimeout(() => (timerRan = true), 0);
		const runtime = await createBrowserRuntime({ files, mtimes });
		expect(timerRan).toBe(true);

		expect(await runtime.fs.readTextFile('src/m7/file-1207.ts')).toBe(files['src/m7/file-1207.ts']);
		const stat = await runtime.fs.stat?.('src/m39/file-1999.ts');
		expect(stat?.mtimeMs).toBe(mtimes['src/m39/file-1999.ts']);
		const listed = await runtime.exec('find src -type f | wc -l');
		expect(listed.output.trim()).toBe('2000');
	});

	it('gives the page the thread back while a long command reads many files', async () => {
		const files: Record<string, string> = {};
		for (let i = 0; i < 2_000; i++) {
			files[`src/m${i % 40}/file-${i}.ts`] = `export const value${i} = '${'x'.repeat(4_000)}';\n`;
		}
		const runtime = await createBrowserRuntime({ files });
		// just-bash's commands await only promises that are already settled: without breaks, a
		// grep over 2,000 files held the page for its whole run (184 ms here, in one task).
		const order: string[] = [];
		setTimeout(() => order.push('timer'), 0);
		const result = await runtime.exec('grep -rl "value1999 " src');
		order.push('command');
		expect(result.output).toBe('src/m39/file-1999.ts\n');
		expect(order).toEqual(['timer', 'command']);
		await runtime.dispose();
	});
});
