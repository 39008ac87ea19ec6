/**
 * Opening gives the page a turn between indexing the files and drawing them
 * (project-session.svelte.ts). A tab closed in that turn must not be left with a workspace or a
 * runtime nobody will free. The turn is held here by standing in for yieldToPage.
 */
import 'fake-indexeddb/auto';
import { afterEach, expect, it, vi } from 'vitest';

const turn = vi.hoisted(() => ({ held: undefined as (() => void) | undefined, reached: false }));
const made = vi.hoisted(() => ({ disposed: [] as boolean[] }));

vi.mock('../../../src/lib/runtime/yield-to-page', async (original) => ({
	...(await original<typeof import('../../../src/lib/runtime/yield-to-page')>()),
	// Only the session's own turn is held: storage's (after reading the files) passes at once.
	yieldToPage: () => {
		if (!new Error().stack?.includes('project-session.svelte')) return Promise.resolve();
		turn.reached = true;
		return new Promise<void>((resolve) => (turn.held = resolve));
	}
}));

// Every runtime made is watched for its dispose().
vi.mock('../../../src/lib/runtime/browser', async (original) => {
	const real = await original<typeof import('../../../src/lib/runtime/browser')>();
	return {
		...real,
		createBrowserRuntime: async (...args: Parameters<typeof real.createBrowserRuntime>) => {
			const runtime = await real.createBrowserRuntime(...args);
			const index = made.disposed.push(false) - 1;
			const dispose = runtime.dispose.bind(runtime);
			return Object.assign(runtime, {
				dispose: async () => {
					made.disposed[index] = true;
					await dispose();
				}
			});
		}
	};
});

const { ProjectSession } = await import('../../../src/lib/state');
const { createProject } = await import('../../../src/lib/storage');

afterEach(() => {
	turn.held = undefined;
	turn.reached = false;
});

it('closed between indexing the files and showing them, it shows none and frees the runtime', async () => {
	const { id } = await createProject({
		name: 'Closed early',
		template: 'blank',
		files: { 'a.txt': 'alpha\n' }
	});
	const tab = new ProjectSession({ projectId: id, request: 'browser' });
	const opening = tab.open();
	await vi.waitFor(() => expect(turn.reached).toBe(true));
	const disposing = tab.dispose();
	turn.held!();
	await disposing;
	await opening;

	expect(await tab.filesReady).toBeNull();
	expect(tab.workspace).toBeNull();
	expect(tab.runtime).toBeNull();
	// The runtime started for the files (on its way or up) is stopped once it exists.
	await vi.waitFor(() => expect(made.disposed).toEqual([true]));
});
