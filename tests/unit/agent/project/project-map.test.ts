import { afterEach, describe, expect, it, vi } from 'vitest';
import {
	buildProjectMap,
	loadTokenCounter,
	type CountTokens
} from '../../../../src/lib/agent/project';
import { createBrowserRuntime } from '../../../../src/lib/runtime/browser';
import { openWorkspace, type Workspace } from '../../../../src/lib/workspace';
import { fixtureProject } from './fixture-project';

const opened: Workspace[] = [];

async function open(files: Record<string, string> = fixtureProject) {
	const runtime = await createBrowserRuntime({ files });
	const workspace = await openWorkspace({ projectId: 'map', runtime });
	opened.push(workspace);
	return workspace;
}

afterEach(async () => {
	vi.useRealTimers();
	for (const workspace of opened.splice(0)) {
		workspace.dispose();
		await workspace.runtime.dispose();
	}
});

/** The outline's file entries (unindented lines after the Outline heading), in order. */
function outlinedFiles(map: string): string[] {
	const outline = map.slice(map.indexOf('## Outline'));
	return outline
		.split('\n')
		.slice(1)
		.filter((line) => line !== '' && !line.startsWith(' ') && !line.startsWith('('));
}

describe('buildProjectMap', () => {
	it('shows package.json, the tree and an outline of the fixture project', async () => {
		const map = await buildProjectMap(await open());
		expect(map).toContain('name: todo-garden');
		expect(map).toContain('scripts:\n  dev: vite\n  build: tsc && vite build\n  test: vitest run');
		expect(map).toContain('dependencies: date-fns ^4.1.0, nanoid ^5.0.7');
		expect(map).toContain('devDependencies: typescript ~5.9.0, vite ^7.3.0, vitest ^4.1.0');
		expect(map).toContain('## Files\ndocs/\n  guide.md\nsrc/\n  store/\n    todo-store.ts\n');
		for (const definition of [
			'src/store/todo-store.ts\n  export const MAX_TODOS\n  export class TodoStore { static version, add(), toggle(), get count }',
			'  export function filterTodos(todos: readonly Todo[], filter: TodoFilter): Todo[]',
			'src/types.ts\n  export interface Todo { id, title, done, rename() }',
			"  export type TodoFilter = 'all' | 'open' | 'done'",
			'  export const renderList = (root: Element, store: TodoStore) =>',
			'  :root { --garden-green, --garden-soil }',
			'  @media (max-width: 600px)\n    .todo',
			'  @keyframes sprout',
			'index.html\n  title: Todo Garden\n  ids: #app, #todo-item',
			'README.md\n  # Todo Garden\n  ## Getting started\n  ## Architecture',
			'src/main.ts\n  imports src/store/todo-store.ts, src/ui/render.ts, src/styles/app.css'
		]) {
			expect(map).toContain(definition);
		}
		// Bodies never appear, nor private members.
		expect(map).not.toContain('this.items.push');
		expect(map).not.toContain('secret');
		expect(map).not.toContain('not a heading');
	});

	it('leaves out ignored files, node_modules and build output', async () => {
		const map = await buildProjectMap(await open());
		expect(map).toContain('.gitignore');
		for (const hidden of [
			'dist',
			'index-abc123',
			'bundled',
			'debug.log',
			'node_modules',
			'nanoid/'
		]) {
			expect(map).not.toContain(hidden);
		}
		expect(map).toMatch(/^Project map: 15 files/);
	});

	it('puts entry points first, imported files next, tests last', async () => {
		const order = outlinedFiles(await buildProjectMap(await open()));
		const position = (path: string) => {
			expect(order).toContain(path);
			return order.indexOf(path);
		};
		// index.html loads main.ts; package.json runs server.js.
		expect(position('src/main.ts')).toBe(0);
		expect(position('index.html')).toBeLessThan(position('src/store/todo-store.ts'));
		expect(position('server.js')).toBeLessThan(position('src/store/todo-store.ts'));
		// Imported by three files, against one for dates.ts.
		expect(position('src/store/todo-store.ts')).toBeLessThan(position('src/util/dates.ts'));
		expect(position('src/util/dates.ts')).toBeLessThan(position('docs/guide.md'));
		expect(order.at(-1)).toBe('tests/store.test.ts');
	});

	it('moves a file the person just changed up the list', async () => {
		vi.useFakeTimers({ toFake: ['Date'] });
		const workspace = await open();
		const before = outlinedFiles(await buildProjectMap(workspace));
		vi.setSystemTime(Date.now() + 10 * 60_000);
		await workspace.writeFile('docs/guide.md', '# Guide\n\n## Editing todos\n');
		const after = outlinedFiles(await buildProjectMap(workspace));
		expect(after.indexOf('docs/guide.md')).toBeLessThan(before.indexOf('docs/guide.md'));
	});

	it('stays within the token budget as counted by a real tokenizer, saying what it left out', async () => {
		const countTokens = await loadTokenCounter();
		const workspace = await open();
		const full = await buildProjectMap(workspace);
		expect(countTokens(full)).toBeLessThanOrEqual(2000);
		expect(full).not.toContain('not outlined');
		for (const share of [0.7, 0.8, 0.9]) {
			const maxTokens = Math.floor(countTokens(full) * share);
			const map = await buildProjectMap(workspace, { maxTokens });
			expect(countTokens(map)).toBeLessThanOrEqual(maxTokens);
			expect(map).toMatch(
				/\(\d+ more source files? not outlined, to keep this map within \d+ tokens/
			);
			// What fits is still the most relevant part.
			const kept = outlinedFiles(map);
			expect(kept).toEqual(outlinedFiles(full).filter((path) => kept.includes(path)));
		}
		// Room for little more than the tree: folders close, nothing is outlined.
		const small = await buildProjectMap(workspace, { maxTokens: 150 });
		expect(countTokens(small)).toBeLessThanOrEqual(150);
		expect(small).toContain('\nsrc/ (8 files)\n');
		expect(small).toMatch(/\(13 more source files not outlined/);
		// Too small even for that: whole lines from the top, and a note.
		const tiny = await buildProjectMap(workspace, { maxTokens: 60 });
		expect(countTokens(tiny)).toBeLessThanOrEqual(60);
		expect(tiny).toMatch(
			/\(project map cut short to stay within 60 tokens; 13 source files not outlined/
		);
	});

	it('accepts another token counter', async () => {
		const characters: CountTokens = (text) => text.length;
		const map = await buildProjectMap(await open(), { maxTokens: 900, countTokens: characters });
		expect(map.length).toBeLessThanOrEqual(900);
		expect(map).toContain('not outlined');
	});

	it('is deterministic: the same project gives the same bytes', async () => {
		const first = await buildProjectMap(await open());
		const again = await buildProjectMap(await open());
		expect(again).toBe(first);
		const workspace = await open();
		expect(await buildProjectMap(workspace, { maxTokens: 500 })).toBe(
			await buildProjectMap(workspace, { maxTokens: 500 })
		);
	});

	it('collapses big folders with counts and stays fast on a 1000-file project', async () => {
		const files: Record<string, string> = {
			'package.json': '{"name":"big","main":"src/index.ts"}'
		};
		files['src/index.ts'] = "import { util0 } from './lib/util-0';\nexport function main() {}\n";
		for (let i = 0; i < 400; i++) {
			files[`src/lib/util-${i}.ts`] =
				`export function util${i}(value: number): number {\n\treturn value + ${i};\n}\n`.repeat(3);
		}
		for (let i = 0; i < 300; i++)
			files[`src/components/widget-${i}.tsx`] = `export const Widget${i} = () => <div />;\n`;
		for (let i = 0; i < 299; i++) files[`public/img/${i}.svg`] = '<svg />';
		files['src/huge.ts'] = 'export const big = 1;\n' + '// filler\n'.repeat(30_000);
		const workspace = await open(files);
		const countTokens = await loadTokenCounter();
		const started = performance.now();
		const map = await buildProjectMap(workspace);
		const elapsed = performance.now() - started;
		expect(countTokens(map)).toBeLessThanOrEqual(2000);
		expect(map).toMatch(/^Project map: 1002 files/);
		// Crowded folders are counted; a file that stands out (imported by index.ts) is named.
		expect(map).toContain('  components/\n    … 300 files (300 .tsx)\n');
		expect(map).toContain('  lib/\n    util-0.ts\n    … 399 more files (399 .ts)\n');
		expect(map).toContain('public/');
		// The outline mixes folders rather than listing 300 widgets in a row.
		expect(outlinedFiles(map).slice(0, 4)).toEqual([
			'src/index.ts',
			'src/lib/util-0.ts',
			'src/components/widget-0.tsx',
			'src/components/widget-1.tsx'
		]);
		expect(map).toMatch(/\(\d+ more source files not outlined/);
		expect(map).not.toContain('export const big');
		// Generous: it takes a fraction of this on a laptop.
		expect(elapsed).toBeLessThan(5000);
	});

	it('says so for an empty project and copes with a broken package.json', async () => {
		expect(await buildProjectMap(await open({}))).toBe(
			'Project map: the project has no files yet.'
		);
		const map = await buildProjectMap(
			await open({ 'package.json': '{ "name": ', 'a.js': 'function a() {}' })
		);
		expect(map).toMatch(/package\.json is not valid JSON \(.+\)\./);
		expect(map).toContain('a.js\n  function a()');
	});
});
