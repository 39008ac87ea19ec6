import { PassThrough } from 'node:stream';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { connectProcessHost, serveProcessHost } from '../../../src/lib/runtime/node';
import { isAlive, ORPHAN_COMMAND, waitFor } from '../../contract/process-contract';

/** A host served in this process over two in-memory streams, as the CLI's is over a socket. */
async function pair() {
	const toHost = new PassThrough();
	const fromHost = new PassThrough();
	const served = serveProcessHost(toHost, fromHost).then(() => fromHost.end());
	const host = await connectProcessHost(toHost, fromHost);
	return { host, served };
}

describe('process host over streams', () => {
	it('runs a command, streams its output and returns its result', async () => {
		const { host, served } = await pair();
		const chunks: string[] = [];
		const result = await host.run('echo one; echo two >&2; exit 3', {
			cwd: tmpdir(),
			onOutput: (chunk) => chunks.push(chunk)
		}).result;
		expect(result).toMatchObject({ exitCode: 3, timedOut: false, aborted: false });
		expect(result.output).toContain('one\n');
		expect(result.output).toContain('two\n');
		expect(chunks.join('')).toBe(result.output);
		await host.dispose();
		await served;
	});

	it('passes timeouts and aborts to the host', async () => {
		const { host, served } = await pair();
		const timed = await host.run('sleep 5', { cwd: tmpdir(), timeoutMs: 200 }).result;
		expect(timed).toMatchObject({ timedOut: true, exitCode: 124 });
		const controller = new AbortController();
		const running = host.run('sleep 5', { cwd: tmpdir(), signal: controller.signal });
		controller.abort();
		expect(await running.result).toMatchObject({ aborted: true, exitCode: 130 });
		await host.dispose();
		await served;
	});

	it('stops what still runs when the client goes away', async () => {
		const { host, served } = await pair();
		const running = host.run('sleep 30', { cwd: tmpdir() });
		await host.dispose();
		await served;
		// The client was gone before the result: it is told the host stopped.
		expect((await running.result).exitCode).not.toBe(0);
	});

	it('stops what a command left running after its shell exited, when the client goes away', async () => {
		const { host, served } = await pair();
		let printed = '';
		const running = host.run(ORPHAN_COMMAND, {
			cwd: tmpdir(),
			onOutput: (chunk) => (printed += chunk)
		});
		const pid = await waitFor(() => {
			const match = /child (\d+)/.exec(printed);
			return match ? Number(match[1]) : undefined;
		}, 'the child pid');
		await host.dispose();
		await served;
		await running.result;
		await waitFor(() => (isAlive(pid) ? undefined : true), 'the child to end', 5000);
	});
});
