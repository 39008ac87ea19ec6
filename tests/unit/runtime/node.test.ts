import { mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createNodeRuntime } from '../../../src/lib/runtime/node';
import type { FsEvent, PreviewEvent, Runtime } from '../../../src/lib/runtime/types';
import { describeProcessContract } from '../../contract/process-contract';
import { describeRuntimeContract } from '../../contract/runtime-contract';

async function freshDir(): Promise<string> {
	return mkdtemp(join(tmpdir(), 'kiln-node-runtime-'));
}

/** True while the process exists and is not a zombie waiting to be reaped. */
async function isRunning(pid: number): Promise<boolean> {
	try {
		const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
		return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
	} catch {
		return false;
	}
}

describeRuntimeContract('node', async () => {
	const root = await freshDir();
	return {
		runtime: await createNodeRuntime({ root }),
		cleanup: () => rm(root, { recursive: true, force: true })
	};
});

describeProcessContract('node', async () => {
	const root = await freshDir();
	return {
		runtime: await createNodeRuntime({ root }),
		cleanup: () => rm(root, { recursive: true, force: true })
	};
});

describe('node runtime', () => {
	let root: string;
	let runtime: Runtime;

	beforeEach(async () => {
		root = await freshDir();
		runtime = await createNodeRuntime({ root });
	});

	afterEach(async () => {
		await runtime.dispose();
		await rm(root, { recursive: true, force: true });
	});

	it('describes itself as real Node.js with server previews', () => {
		expect(runtime.capabilities).toMatchObject({
			kind: 'node',
			label: 'Node.js',
			node: true,
			npm: true,
			stat: true,
			preview: 'server'
		});
	});

	it('refuses a root that does not exist', async () => {
		await expect(createNodeRuntime({ root: join(root, 'missing') })).rejects.toThrow(
			/does not exist/
		);
	});

	it('works on the real folder', async () => {
		await runtime.fs.writeFile('on-disk.txt', 'disk');
		expect(await readFile(join(root, 'on-disk.txt'), 'utf8')).toBe('disk');
		expect((await runtime.exec('node -e "console.log(1 + 1)"')).output).toBe('2\n');
	});

	it('kills the whole process group on timeout', async () => {
		const result = await runtime.exec('sleep 30 & echo $! > grandchild.pid; wait', {
			timeoutMs: 300
		});
		expect(result.timedOut).toBe(true);
		const pid = Number(await readFile(join(root, 'grandchild.pid'), 'utf8'));
		expect(pid).toBeGreaterThan(0);
		await expect.poll(() => isRunning(pid)).toBe(false);
	});

	it('times out a command whose shell ended while its child holds the output open', async () => {
		const result = await runtime.exec('sleep 40 & echo "child $!"', { timeoutMs: 300 });
		expect(result.timedOut).toBe(true);
		const pid = Number(/child (\d+)/.exec(result.output)?.[1]);
		expect(pid).toBeGreaterThan(0);
		await expect.poll(() => isRunning(pid), { timeout: 5000 }).toBe(false);
	});

	it('kills a child that ignores SIGTERM once the grace is over, though its shell died of it', async () => {
		const result = await runtime.exec('(trap "" TERM; exec sleep 40) & echo "child $!"; wait', {
			timeoutMs: 300
		});
		expect(result.timedOut).toBe(true);
		const pid = Number(/child (\d+)/.exec(result.output)?.[1]);
		expect(pid).toBeGreaterThan(0);
		await expect.poll(() => isRunning(pid), { timeout: 5000 }).toBe(false);
	});

	it('lists a symlink to a folder as a folder', async () => {
		await runtime.fs.mkdir('real');
		await symlink(join(root, 'real'), join(root, 'link'));
		const entries = await runtime.fs.readdir('');
		expect(entries).toContainEqual({ name: 'link', type: 'directory', link: { target: 'real' } });
	});

	it('refuses to run a command in a folder link that leads outside the project', async () => {
		const outside = await freshDir();
		try {
			await symlink(outside, join(root, 'out'));
			const result = await runtime.exec('pwd', { cwd: 'out' });
			expect(result.exitCode).toBe(1);
			expect(result.output).toMatch(/^Cannot run in 'out': 'out' leads outside the project folder/);
			await runtime.fs.mkdir('real');
			await symlink('real', join(root, 'inside'));
			expect((await runtime.exec('pwd', { cwd: 'inside' })).output).toMatch(/\/real\n$/);
		} finally {
			await rm(outside, { recursive: true, force: true });
		}
	});

	it('reports files changed outside any command', async () => {
		const seen: FsEvent[] = [];
		const stop = runtime.fs.watch((events) => seen.push(...events));
		try {
			await writeFile(join(root, 'external.txt'), 'x');
			await expect
				.poll(() => seen.some((e) => e.type === 'change' && e.path === 'external.txt'))
				.toBe(true);
		} finally {
			stop();
		}
	});

	it('announces a dev server URL printed by a command, and closes it when the command ends', async () => {
		const previews: PreviewEvent[] = [];
		runtime.onPreview((event) => previews.push(event));
		await runtime.exec(`printf '  Local:   http://localhost:\\033[1m5173\\033[22m/\\n'`);
		expect(previews).toEqual([
			{ type: 'ready', port: 5173, url: 'http://localhost:5173/' },
			{ type: 'closed', port: 5173 }
		]);
	});
});
