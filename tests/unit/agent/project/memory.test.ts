import { afterEach, describe, expect, it } from 'vitest';
import {
	loadProjectMemory,
	MAX_MEMORY_CHARS,
	parseRememberCommand,
	rememberNote
} from '../../../../src/lib/agent/project';
import { createBrowserRuntime } from '../../../../src/lib/runtime/browser';
import { openWorkspace, type Workspace, type WorkspaceChange } from '../../../../src/lib/workspace';

const opened: Workspace[] = [];

async function open(files: Record<string, string> = {}) {
	const runtime = await createBrowserRuntime({ files });
	const workspace = await openWorkspace({ projectId: 'memory', runtime });
	opened.push(workspace);
	return workspace;
}

afterEach(async () => {
	for (const workspace of opened.splice(0)) {
		workspace.dispose();
		await workspace.runtime.dispose();
	}
});

describe('project memory (AGENTS.md)', () => {
	it('loads AGENTS.md from the project root, and null when it is missing or blank', async () => {
		expect(await loadProjectMemory(await open({ 'README.md': '# hi' }))).toBeNull();
		expect(await loadProjectMemory(await open({ 'AGENTS.md': '  \n\n' }))).toBeNull();
		// Only the root file counts: a nested one belongs to a package, not the project.
		expect(await loadProjectMemory(await open({ 'docs/AGENTS.md': '- x\n' }))).toBeNull();
		const text = '# Notes\n\n- use pnpm\n- tabs, not spaces\n';
		expect(await loadProjectMemory(await open({ 'AGENTS.md': text }))).toBe(text);
	});

	it('cuts a huge AGENTS.md at a line break and says how much was left out', async () => {
		const line = '- a rule that goes on for a while to fill the memory file up\n';
		const text = line.repeat(Math.ceil((MAX_MEMORY_CHARS * 2) / line.length));
		const memory = (await loadProjectMemory(await open({ 'AGENTS.md': text })))!;
		expect(memory.length).toBeLessThan(MAX_MEMORY_CHARS + 400);
		expect(memory.startsWith(line.repeat(10))).toBe(true);
		const body = memory.slice(0, memory.indexOf('\n\n['));
		expect(body.split('\n').every((kept) => kept === line.trimEnd())).toBe(true);
		expect(memory).toContain(`AGENTS.md is ${text.length.toLocaleString('en-US')} characters`);
		expect(memory).toMatch(/Read the file for the rest/);
	});

	it('/remember creates AGENTS.md with a heading, then appends bullets through the workspace', async () => {
		const workspace = await open();
		const changes: WorkspaceChange[] = [];
		workspace.subscribe((batch) => changes.push(...batch));
		await rememberNote(workspace, '  run tests with `npm test`  ');
		const created = await workspace.readText('AGENTS.md');
		expect(created).toMatch(/^# AGENTS\.md\n\n.+\n\n- run tests with `npm test`\n$/);
		await rememberNote(workspace, 'deploys go through\nthe staging branch');
		expect(await workspace.readText('AGENTS.md')).toBe(
			created + '- deploys go through\n  the staging branch\n'
		);
		expect(changes).toContainEqual({ type: 'change', path: 'AGENTS.md', origin: 'workspace' });
		expect(await loadProjectMemory(workspace)).toContain('- deploys go through');
	});

	it('/remember appends to an existing file without a heading, adding a missing final newline', async () => {
		const workspace = await open({ 'AGENTS.md': '# Mine\n\n- first' });
		await rememberNote(workspace, 'second');
		expect(await workspace.readText('AGENTS.md')).toBe('# Mine\n\n- first\n- second\n');
	});

	it('refuses an empty note with a hint', async () => {
		const workspace = await open();
		await expect(rememberNote(workspace, '   ')).rejects.toThrow(
			/write the note after the command/
		);
		expect(workspace.exists('AGENTS.md')).toBe(false);
	});

	it('parses /remember commands and leaves other messages alone', () => {
		expect(parseRememberCommand('/remember use pnpm')).toBe('use pnpm');
		expect(parseRememberCommand('  /remember   two\nlines  ')).toBe('two\nlines');
		expect(parseRememberCommand('/remember')).toBe('');
		expect(parseRememberCommand('/remember   ')).toBe('');
		expect(parseRememberCommand('/remembering things')).toBeNull();
		expect(parseRememberCommand('please /remember this')).toBeNull();
		expect(parseRememberCommand('/compact')).toBeNull();
	});
});
