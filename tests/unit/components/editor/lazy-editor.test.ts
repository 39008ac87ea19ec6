import { describe, expect, it, vi } from 'vitest';
import { EditorSession } from '../../../../src/lib/editor';
import { LazyEditor } from '../../../../src/lib/components/editor/lazy-editor.svelte';
import { MemoryWorkspace } from '../../editor/memory-workspace';

// The editor chunk, answered by each test when it chooses (a download in flight, done or failed).
const chunk = vi.hoisted(() => ({
	requests: [] as { resolve: (module: unknown) => void; reject: (error: Error) => void }[]
}));
vi.mock('../../../../src/lib/components/editor/load-editor', () => ({
	loadEditor: () => new Promise((resolve, reject) => chunk.requests.push({ resolve, reject }))
}));

const editorModule = { EditorSession, Editor: {} };
const drafts = { update: () => {} };

function setup(gone = () => false) {
	chunk.requests = [];
	const workspace = new MemoryWorkspace({ 'a.txt': 'alpha', 'b.txt': 'beta' });
	const lazy = new LazyEditor({ workspace: () => workspace, drafts, gone });
	return { workspace, lazy };
}

describe('the editor loaded on demand', () => {
	it('opens files asked for before it arrived, in order, the last one active', async () => {
		const { lazy } = setup();
		lazy.open('a.txt');
		lazy.open('b.txt');
		expect(lazy.session).toBeNull();
		expect(lazy.opening).toBe('b.txt');
		// One download, however many files wait for it.
		expect(chunk.requests).toHaveLength(1);

		chunk.requests[0]!.resolve(editorModule);
		const session = await lazy.load();
		expect(session).toBe(lazy.session);
		expect(lazy.opening).toBeNull();
		expect(session?.paths).toEqual(['a.txt', 'b.txt']);
		expect(session?.activePath).toBe('b.txt');
		await vi.waitFor(() => expect(session?.getText('b.txt')).toBe('beta'));
	});

	it('says why when the download fails, and tries again when asked', async () => {
		const { lazy } = setup();
		lazy.open('a.txt');
		chunk.requests[0]!.reject(new Error('Failed to fetch dynamically imported module'));
		expect(await lazy.load()).toBeNull();
		expect(lazy.error).toMatch(/editor could not be loaded .*Failed to fetch.* try again/);

		const retried = lazy.load();
		expect(chunk.requests).toHaveLength(2);
		chunk.requests[1]!.resolve(editorModule);
		const session = await retried;
		expect(lazy.error).toBeNull();
		// The file asked for before the failure still opens.
		expect(session?.paths).toEqual(['a.txt']);
	});

	it('builds no session once the page is gone', async () => {
		let gone = false;
		const { lazy } = setup(() => gone);
		const loading = lazy.load();
		gone = true;
		chunk.requests[0]!.resolve(editorModule);
		expect(await loading).toBeNull();
		expect(lazy.session).toBeNull();
	});
});
