import { afterEach, describe, expect, it } from 'vitest';
import {
	MAX_FILE_DIFF_CHARS,
	trackUserEdits,
	type UserEditTracker
} from '../../../../src/lib/agent/project';
import { createBrowserRuntime } from '../../../../src/lib/runtime/browser';
import { openWorkspace, type Workspace } from '../../../../src/lib/workspace';

const opened: { workspace: Workspace; tracker: UserEditTracker }[] = [];

async function open(files: Record<string, string>) {
	const runtime = await createBrowserRuntime({ files });
	const workspace = await openWorkspace({ projectId: 'edits', runtime });
	const tracker = trackUserEdits(workspace);
	opened.push({ workspace, tracker });
	return { workspace, tracker };
}

afterEach(async () => {
	for (const { workspace, tracker } of opened.splice(0)) {
		tracker.dispose();
		workspace.dispose();
		await workspace.runtime.dispose();
	}
});

/** Runs a command in the runtime and waits until the workspace has reconciled what it changed. */
async function runCommand(workspace: Workspace, command: string, done: () => boolean) {
	const result = await workspace.runtime.exec(command);
	expect(result.exitCode).toBe(0);
	await expect.poll(done).toBe(true);
	await workspace.flush();
}

const lines = (count: number, label = 'line') =>
	Array.from({ length: count }, (_, i) => `${label} ${i + 1}`).join('\n') + '\n';

describe('trackUserEdits', () => {
	it("reports the person's edit as a unified diff, once", async () => {
		const { workspace, tracker } = await open({ 'src/a.ts': lines(10) });
		expect(await tracker.collectUserEdits()).toBeNull();
		await workspace.writeFile('src/a.ts', lines(10).replace('line 5\n', 'line five\n'));
		expect(tracker.pendingPaths()).toEqual(['src/a.ts']);
		const edits = await tracker.collectUserEdits();
		expect(edits).toContain('The person changed these files in the editor since your last turn');
		expect(edits).toContain('Changed: src/a.ts\n--- a/src/a.ts\n+++ b/src/a.ts\n@@ -2,7 +2,7 @@');
		expect(edits).toContain('\n-line 5\n+line five\n line 6\n');
		// Unchanged lines far from the edit are not repeated.
		expect(edits).not.toContain('line 10');
		expect(await tracker.collectUserEdits()).toBeNull();
		expect(tracker.pendingPaths()).toEqual([]);
	});

	it('diffs successive edits against what was last collected', async () => {
		const { workspace, tracker } = await open({ 'a.txt': 'one\n' });
		await workspace.writeFile('a.txt', 'two\n');
		await tracker.collectUserEdits();
		await workspace.writeFile('a.txt', 'three\n');
		await workspace.writeFile('a.txt', 'four\n');
		const edits = (await tracker.collectUserEdits())!;
		expect(edits).toContain('-two\n+four\n');
		expect(edits).not.toContain('three');
	});

	it('reports nothing when the person changed a file and changed it back', async () => {
		const { workspace, tracker } = await open({ 'a.txt': 'same\n' });
		await workspace.writeFile('a.txt', 'different\n');
		await workspace.writeFile('a.txt', 'same\n');
		expect(await tracker.collectUserEdits()).toBeNull();
	});

	it("does not report the agent's own writes", async () => {
		const { workspace, tracker } = await open({ 'a.ts': 'old\n' });
		await workspace.writeFile('a.ts', 'written by the agent\n');
		tracker.markAgentWrite('a.ts');
		await workspace.writeFile('new.ts', 'created by the agent\n');
		tracker.markAgentWrite('./new.ts');
		expect(await tracker.collectUserEdits()).toBeNull();
	});

	it("diffs the person's later edit against what the agent wrote", async () => {
		const { workspace, tracker } = await open({ 'a.ts': 'old\n' });
		await workspace.writeFile('a.ts', 'agent\n');
		// The person typed before the agent's hook ran: the content passed in is what the model knows.
		await workspace.writeFile('a.ts', 'agent\nperson\n');
		tracker.markAgentWrite('a.ts', 'agent\n');
		const edits = (await tracker.collectUserEdits())!;
		expect(edits).toContain(' agent\n+person\n');
		expect(edits).not.toContain('-old');
	});

	it('does not report changes made by commands, and diffs later edits against them', async () => {
		const { workspace, tracker } = await open({ 'a.txt': 'before\n', 'b.txt': 'b\n' });
		await runCommand(
			workspace,
			'echo by-command > a.txt && rm b.txt && echo c > c.txt',
			() => workspace.exists('c.txt') && !workspace.exists('b.txt')
		);
		expect(workspace.peekText('a.txt')).toBe('by-command\n');
		expect(tracker.pendingPaths()).toEqual([]);
		expect(await tracker.collectUserEdits()).toBeNull();
		await workspace.writeFile('a.txt', 'by-command\nby person\n');
		const edits = (await tracker.collectUserEdits())!;
		expect(edits).toContain(' by-command\n+by person\n');
		expect(edits).not.toContain('before');
	});

	it('reports created and deleted files, and every file of a deleted folder', async () => {
		const { workspace, tracker } = await open({
			'keep.txt': 'k\n',
			'gone.txt': 'g\n',
			'old/x.ts': 'x\n',
			'old/deep/y.ts': 'y\n'
		});
		await workspace.writeFile('fresh.ts', 'export const fresh = 1;\n');
		await workspace.remove('gone.txt');
		await workspace.remove('old');
		await workspace.rename('keep.txt', 'kept.txt');
		const edits = (await tracker.collectUserEdits())!;
		expect(edits).toContain(
			'Created: fresh.ts\n--- /dev/null\n+++ b/fresh.ts\n@@ -0,0 +1,1 @@\n+export const fresh = 1;\n'
		);
		for (const path of ['gone.txt', 'old/x.ts', 'old/deep/y.ts', 'keep.txt']) {
			expect(edits).toContain(`Deleted: ${path}\n`);
		}
		expect(edits).toContain('Created: kept.txt\n');
		expect(edits).not.toMatch(/Deleted: old\n/);
		expect(await tracker.collectUserEdits()).toBeNull();
	});

	it('summarises a huge change instead of sending its diff', async () => {
		const { workspace, tracker } = await open({ 'big.txt': lines(3000), 'small.txt': 'a\n' });
		await workspace.writeFile('big.txt', lines(2500, 'row'));
		await workspace.writeFile('small.txt', 'b\n');
		const edits = (await tracker.collectUserEdits())!;
		expect(edits).toContain(
			'Changed: big.txt (was 3000 lines, now 2500 lines; read it to see it whole)\n'
		);
		expect(edits).not.toContain('row 1');
		expect(edits).toContain('-a\n+b\n');
		expect(edits.length).toBeLessThan(MAX_FILE_DIFF_CHARS);
	});

	it('keeps the total bounded when many files change', async () => {
		const files: Record<string, string> = {};
		for (let i = 0; i < 40; i++) files[`f${String(i).padStart(2, '0')}.txt`] = lines(60);
		const { workspace, tracker } = await open(files);
		for (const path of Object.keys(files)) await workspace.writeFile(path, lines(60, 'changed'));
		const edits = (await tracker.collectUserEdits())!;
		expect(edits.length).toBeLessThan(20_000);
		expect(edits).toContain('Changed: f00.txt\n--- a/f00.txt');
		expect(edits).toContain(
			'Changed: f39.txt (was 60 lines, now 60 lines; read it to see it whole)'
		);
	});

	it('leaves out ignored files and says a binary file changed', async () => {
		const { workspace, tracker } = await open({ '.gitignore': '*.log\n', 'image.bin': 'x' });
		await workspace.writeFile('debug.log', 'noise\n');
		await workspace.writeFile('image.bin', new Uint8Array([0, 1, 2, 3]));
		const edits = (await tracker.collectUserEdits())!;
		expect(edits).not.toContain('debug.log');
		expect(edits).toContain('Changed: image.bin (binary)\n');
	});

	it('stops listening when disposed', async () => {
		const { workspace, tracker } = await open({ 'a.txt': 'a\n' });
		tracker.dispose();
		await workspace.writeFile('a.txt', 'b\n');
		expect(tracker.pendingPaths()).toEqual([]);
		expect(await tracker.collectUserEdits()).toBeNull();
	});
});
