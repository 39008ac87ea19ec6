/**
 * The Processes panel's state over real runtimes: it lists what runs with who started it, lets a
 * person start and stop a background command, shows output, and says why the offline runtime
 * refuses. The preview reads `stoppedServer` and `serverAt` from it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBrowserRuntime } from '../../../../src/lib/runtime/browser';
import { createNodeRuntime } from '../../../../src/lib/runtime/node';
import type { Runtime } from '../../../../src/lib/runtime/types';
import { ProcessesView } from '../../../../src/lib/state/processes';
import { SERVER_COMMAND } from '../../../contract/process-contract';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
	for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function nodeRuntime(): Promise<Runtime> {
	const root = await mkdtemp(join(tmpdir(), 'kiln-processes-view-'));
	const runtime = await createNodeRuntime({ root });
	cleanups.push(
		() => rm(root, { recursive: true, force: true }),
		() => runtime.dispose()
	);
	return runtime;
}

describe('ProcessesView', () => {
	it('lists a process the person starts, shows its output and URL, and stops it', async () => {
		const runtime = await nodeRuntime();
		const view = new ProcessesView();
		cleanups.push(async () => view.attach(null)());
		view.attach(runtime);
		expect(await view.start(SERVER_COMMAND)).toBe(true);
		expect(view.items).toMatchObject([{ id: 'bash_1', startedBy: 'person', status: 'running' }]);
		await vi.waitFor(() => expect(view.items[0]?.url).toMatch(/^http:\/\/localhost:\d+\/$/), {
			timeout: 15_000
		});
		expect(view.output).toContain('listening on');
		expect(view.serverAt(view.items[0]!.url!)?.id).toBe('bash_1');
		expect(view.stoppedServer).toBeUndefined();

		await view.stop('bash_1');
		await vi.waitFor(() => expect(view.items[0]?.status).toBe('stopped'));
		expect(view.status(view.items[0]!)).toBe('stopped by the person');
		expect(view.stoppedServer?.id).toBe('bash_1');
		expect(view.serverAt(view.items[0]!.url!)).toBeUndefined();
	});

	it('shows the offline runtime’s refusal and starts nothing', async () => {
		const runtime = await createBrowserRuntime();
		cleanups.push(() => runtime.dispose());
		const view = new ProcessesView();
		view.attach(runtime);
		expect(await view.start('npm run dev')).toBe(false);
		expect(view.error).toMatch(/preview pane already serves the project's files/);
		expect(view.items).toEqual([]);
	});

	it('follows a new runtime and forgets the old one', async () => {
		const first = await nodeRuntime();
		const view = new ProcessesView();
		view.attach(first);
		await view.start('sleep 300');
		expect(view.items).toHaveLength(1);
		const second = await createBrowserRuntime();
		cleanups.push(() => second.dispose());
		view.attach(second);
		expect(view.items).toEqual([]);
		// A redraw reads the current runtime's table, not the old one's.
		await first.processes!.start('sleep 300', { startedBy: 'agent' });
		view.pick('bash_2');
		expect(view.items).toEqual([]);
	});
});
