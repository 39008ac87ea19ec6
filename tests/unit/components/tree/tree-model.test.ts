import { describe, expect, it } from 'vitest';
import { ancestorsOf, flattenTree, movePath } from '$lib/components/tree';
import { MemoryWorkspace } from '../../editor/memory-workspace';

function workspace() {
	const ws = new MemoryWorkspace({
		'src/lib/util.ts': '',
		'src/main.ts': '',
		'src/app.css': '',
		'README.md': '',
		'package.json': '',
		'node_modules/x/index.js': '',
		'dist/out.js': ''
	});
	ws.ignoredPaths.add('dist');
	return ws;
}

const summary = (rows: ReturnType<typeof flattenTree>) =>
	rows.map(
		(row) =>
			`${'  '.repeat(row.level - 1)}${row.name}${row.type === 'directory' ? (row.expanded ? '/ -' : '/ +') : ''}`
	);

describe('flattenTree', () => {
	it('shows only the top level when nothing is expanded, folders first', () => {
		const ws = workspace();
		expect(summary(flattenTree((path) => ws.listDir(path), new Set()))).toEqual([
			'dist/ +',
			'node_modules/ +',
			'src/ +',
			'package.json',
			'README.md'
		]);
	});

	it('includes the children of expanded folders at the next level', () => {
		const ws = workspace();
		const rows = flattenTree((path) => ws.listDir(path), new Set(['src', 'src/lib']));
		expect(summary(rows)).toEqual([
			'dist/ +',
			'node_modules/ +',
			'src/ -',
			'  lib/ -',
			'    util.ts',
			'  app.css',
			'  main.ts',
			'package.json',
			'README.md'
		]);
		const util = rows.find((row) => row.path === 'src/lib/util.ts')!;
		expect(util).toMatchObject({ level: 3, parent: 'src/lib', posInSet: 1, setSize: 1 });
		const main = rows.find((row) => row.path === 'src/main.ts')!;
		expect(main).toMatchObject({ level: 2, parent: 'src', posInSet: 3, setSize: 3 });
	});

	it('hides the children of an expanded folder inside a collapsed one', () => {
		const ws = workspace();
		const rows = flattenTree((path) => ws.listDir(path), new Set(['src/lib']));
		expect(rows.map((row) => row.path)).not.toContain('src/lib/util.ts');
	});

	it('marks ignored entries', () => {
		const ws = workspace();
		const rows = flattenTree((path) => ws.listDir(path), new Set(['dist']));
		const ignored = rows.filter((row) => row.ignored).map((row) => row.path);
		expect(ignored).toEqual(['dist', 'dist/out.js', 'node_modules']);
	});

	it('is empty for an empty project', () => {
		expect(flattenTree(() => [], new Set())).toEqual([]);
	});
});

describe('path helpers', () => {
	it('lists the folders to expand to reveal a path', () => {
		expect(ancestorsOf('src/lib/util.ts')).toEqual(['src', 'src/lib']);
		expect(ancestorsOf('README.md')).toEqual([]);
	});

	it('moves a path and what lies below it, and nothing else', () => {
		expect(movePath('src', 'src', 'source')).toBe('source');
		expect(movePath('src/lib/a.ts', 'src', 'source')).toBe('source/lib/a.ts');
		expect(movePath('srcx/a.ts', 'src', 'source')).toBe('srcx/a.ts');
	});
});
