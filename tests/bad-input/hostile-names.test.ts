/**
 * Hostile file names through the write tool (what the model can create) and through bash (what
 * a command can create anyway), and how the UI spells each name (visibleName).
 */
import { describe, expect, test } from 'vitest';
import { visibleName } from '../../src/lib/components/common/visible-name';
import { createBrowserRuntime } from '../../src/lib/runtime/browser';
import { recordRow } from '../suite-table/row';
import { useHarness, type Files } from '../unit/tools/harness';

const open = useHarness(async (files: Files) => ({
	runtime: await createBrowserRuntime({ files })
}));

const NAMES: [string, string, boolean][] = [
	['HTML in the name', '<img src=x onerror=alert(1)>.html', true],
	['a line break', 'notes\nsrc/secret.ts', false],
	['a right-to-left override', 'invoice\u202Efdp.exe', false],
	['a zero-width space', 'index\u200B.html', false],
	['.. climbing out', '../outside.txt', false],
	['a 300-character name', `${'n'.repeat(300)}.txt`, false]
];

describe('hostile file names', () => {
	for (const [label, name, allowed] of NAMES) {
		test(`write tool: ${label}`, async ({ task }) => {
			const { run, workspace } = await open();
			const result = await run('write', { path: name, content: 'x' });
			expect(result.ok).toBe(allowed);
			const files = workspace.listDir('').map((node) => node.name);
			recordRow(task, {
				input: `write ${visibleName(name.length > 60 ? name.slice(0, 20) + '…' : name)}`,
				'what Kiln did': `${result.ok ? 'created' : 'refused'}: “${result.output.slice(0, 200)}”; project now holds ${JSON.stringify(files.map(visibleName))}`
			});
		});
	}

	test('names a command created anyway are shown with visible stand-ins', async ({ task }) => {
		const { run, workspace } = await open();
		const bash = await run('bash', {
			command: `touch 'a\nb.txt' 'invoice\u202Efdp.exe' 'index\u200B.html'`
		});
		expect(bash.ok).toBe(true);
		await workspace.flush();
		const names = workspace
			.listDir('')
			.map((node) => node.name)
			.sort();
		const shown = names.map(visibleName);
		expect(shown).toContain('a␊b.txt');
		expect(shown).toContain('invoice[U+202E]fdp.exe');
		expect(shown.join('')).not.toMatch(/[\n\u202E\u200B]/);
		recordRow(task, {
			input: "bash: touch 'a⏎b.txt' 'invoice<U+202E>fdp.exe' 'index<U+200B>.html'",
			'what Kiln did': `files exist; visibleName (what the tree, tabs and tool cards print) spells them ${JSON.stringify(shown)}`
		});
	});
});
