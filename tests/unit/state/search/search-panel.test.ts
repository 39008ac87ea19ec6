import { afterEach, describe, expect, it } from 'vitest';
import { createBrowserRuntime } from '$lib/runtime/browser';
import { MAX_SHOWN_MATCHES, SearchPanelState } from '$lib/state/search';
import type { GrepWorkerLike } from '$lib/tools';
import { WORKER_MIN_FILES } from '../../../../src/lib/tools/grep-worker-client';
import {
	handleGrepRequest,
	type GrepWorkerRequest,
	type GrepWorkerResponse
} from '../../../../src/lib/tools/grep-worker-protocol';
import { guardedWorkspace } from '$lib/state/tab-sync';
import { openWorkspace, type Workspace } from '$lib/workspace';
import { HUGE_FILE_BYTES } from '$lib/editor';

const opened: Workspace[] = [];

afterEach(async () => {
	for (const workspace of opened.splice(0)) {
		workspace.dispose();
		await workspace.runtime.dispose();
	}
});

async function setup(
	options: { readOnly?: () => boolean; unsaved?: (path: string) => boolean } = {},
	files: Record<string, string> = {}
) {
	const runtime = await createBrowserRuntime({
		files: {
			'src/a.ts': 'const oldName = 1;\nexport { oldName };\n',
			'src/b.ts': 'import { oldName } from "./a";\n',
			'notes.md': 'oldName is old\n',
			...files
		}
	});
	const workspace = await openWorkspace({ projectId: 'search', runtime });
	opened.push(workspace);
	const panel = new SearchPanelState({
		workspace: () => workspace,
		writable: () => guardedWorkspace(workspace, options.readOnly ?? (() => false)),
		readOnly: options.readOnly ?? (() => false),
		hasUnsavedText: options.unsaved ?? (() => false)
	});
	return { workspace, panel };
}

describe('SearchPanelState', () => {
	it('replaces ticked matches through the workspace, leaving unticked files and matches', async () => {
		const { workspace, panel } = await setup();
		panel.text = 'oldName';
		panel.replacement = 'newName';
		await panel.search();
		expect(panel.result?.files.map((f) => [f.path, f.count])).toEqual([
			['notes.md', 1],
			['src/a.ts', 2],
			['src/b.ts', 1]
		]);
		panel.toggleFile('notes.md');
		panel.toggleMatch('src/a.ts', 1, 0);
		const outcome = await panel.replaceAll();
		expect(outcome?.replaced).toBe(2);
		expect(outcome?.notice.message).toBe('Replaced 2 matches in 2 files.');
		expect(await workspace.readText('src/a.ts')).toBe('const newName = 1;\nexport { oldName };\n');
		expect(await workspace.readText('src/b.ts')).toBe('import { newName } from "./a";\n');
		expect(await workspace.readText('notes.md')).toBe('oldName is old\n');
		// The results follow: what is left is listed, every match ticked again.
		expect(panel.result?.total).toBe(2);
		expect(panel.ticked('notes.md', 0, 0)).toBe(true);
	});

	it('refuses to replace while another tab owns the project', async () => {
		const { workspace, panel } = await setup({ readOnly: () => true });
		panel.text = 'oldName';
		await panel.search();
		expect(await panel.replaceAll()).toBeUndefined();
		expect(panel.notice?.message).toMatch(/open in another tab/);
		expect(await workspace.readText('src/b.ts')).toContain('oldName');
	});

	it('leaves files with unsaved editor text, or too large to edit, alone', async () => {
		const big = 'oldName\n' + 'x'.repeat(HUGE_FILE_BYTES);
		const { workspace, panel } = await setup(
			{ unsaved: (path) => path === 'src/b.ts' },
			{ 'big.txt': big }
		);
		panel.text = 'oldName';
		panel.replacement = 'n';
		await panel.search();
		expect(panel.blocked('src/b.ts')).toMatch(/unsaved changes/);
		expect(panel.blocked('big.txt')).toMatch(/too large/);
		await panel.replaceAll();
		expect(await workspace.readText('src/b.ts')).toContain('oldName');
		expect(workspace.peekText('big.txt')?.startsWith('oldName')).toBe(true);
		expect(await workspace.readText('src/a.ts')).toBe('const n = 1;\nexport { n };\n');
	});

	it('says what is wrong with a bad pattern, and searches again when files change', async () => {
		const { workspace, panel } = await setup();
		panel.regex = true;
		panel.text = '(';
		await panel.search();
		expect(panel.error).toMatch(/Invalid regular expression/);
		panel.regex = false;
		panel.text = 'fresh';
		await panel.search();
		expect(panel.result?.total).toBe(0);
		const stop = panel.follow();
		await workspace.writeFile('src/c.ts', 'fresh\n');
		await expect.poll(() => panel.result?.files.map((f) => f.path)).toEqual(['src/c.ts']);
		stop();
	});
});

describe('SearchPanelState on a big project', () => {
	it('searches in the grep worker, and lists only the first matches with the total', async () => {
		const files: Record<string, string> = {};
		for (let i = 0; i < WORKER_MIN_FILES; i++)
			files[`gen/f${String(i).padStart(4, '0')}.ts`] = 'hit hit\n';
		const runtime = await createBrowserRuntime({ files });
		const workspace = await openWorkspace({ projectId: 'big', runtime });
		opened.push(workspace);
		const jobs: GrepWorkerRequest[] = [];
		let listener: ((event: { data: GrepWorkerResponse }) => void) | undefined;
		// A worker double running the worker's real handler, answering asynchronously.
		const worker: GrepWorkerLike = {
			postMessage: (request) => {
				jobs.push(request);
				setTimeout(() => listener?.({ data: handleGrepRequest(structuredClone(request)) }));
			},
			addEventListener: (type: string, handler: never) => {
				if (type === 'message') listener = handler;
			},
			terminate: () => {}
		};
		const panel = new SearchPanelState({
			workspace: () => workspace,
			writable: () => workspace,
			readOnly: () => false,
			hasUnsavedText: () => false,
			worker: () => worker
		});
		panel.text = 'hit';
		await panel.search();
		expect(jobs).toHaveLength(1);
		expect(jobs[0]!.job.paths).toHaveLength(WORKER_MIN_FILES);
		expect(panel.result?.total).toBe(2 * WORKER_MIN_FILES);
		expect(panel.result?.fileCount).toBe(WORKER_MIN_FILES);
		expect(panel.result?.shown).toBe(MAX_SHOWN_MATCHES);
		expect(panel.result?.files).toHaveLength(MAX_SHOWN_MATCHES / 2);
	});
});
