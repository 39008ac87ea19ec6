import { describe, expect, it } from 'vitest';
import {
	EMPTY_QUERY,
	enginePattern,
	expandReplacement,
	groupResults,
	lineSegments,
	pathFilter,
	queryRegex,
	replaceInFile,
	replaceInLine,
	type SearchQuery
} from '$lib/state/search';
import { gatherSearchTexts, searchableFiles, searchTexts } from '$lib/tools';
import type { WorkspaceFile } from '$lib/workspace';

const query = (text: string, more: Partial<SearchQuery> = {}): SearchQuery => ({
	...EMPTY_QUERY,
	text,
	...more
});

function fakeWorkspace(files: Record<string, string>, extra: Partial<WorkspaceFile>[] = []) {
	const entries: WorkspaceFile[] = Object.entries(files).map(([path, text]) => ({
		path,
		size: text.length,
		mtimeMs: 0,
		binary: false,
		ignored: false,
		...extra.find((e) => e.path === path)
	}));
	return { allFiles: () => entries, peekText: (path: string) => files[path] };
}

async function search(files: Record<string, string>, q: SearchQuery, limit?: number) {
	const workspace = fakeWorkspace(files);
	const keep = pathFilter(q);
	const gathered = gatherSearchTexts(workspace, searchableFiles(workspace), (f) => keep(f.path));
	const regex = queryRegex(q);
	const { pattern, ignoreCase } = enginePattern(q);
	const found = await searchTexts(gathered, {
		pattern,
		ignoreCase,
		signal: new AbortController().signal
	});
	return groupResults(found, regex, limit);
}

describe('search query', () => {
	it('matches literal text, escaping what a regular expression would read', async () => {
		const result = await search({ 'a.txt': 'a.b axb\n(x) a.b\n' }, query('a.b'));
		expect(result.files[0]!.lines.map((l) => l.ranges.length)).toEqual([1, 1]);
		expect(result.total).toBe(2);
	});

	it('honours match case, whole word and regex', async () => {
		const files = { 'a.ts': 'Foo foo food\nfoo_bar FOO\n' };
		expect((await search(files, query('foo'))).total).toBe(5);
		expect((await search(files, query('foo', { matchCase: true }))).total).toBe(3);
		expect((await search(files, query('foo', { wholeWord: true }))).total).toBe(3);
		expect((await search(files, query('fo+d|bar', { regex: true }))).total).toBe(2);
	});

	it('says what is wrong with a bad regular expression', () => {
		expect(() => queryRegex(query('a(', { regex: true }))).toThrow(/Invalid regular expression/);
	});

	it('filters paths by include and exclude globs', () => {
		const keep = pathFilter(query('x', { include: '*.ts, docs/**', exclude: '*.test.ts' }));
		expect(keep('src/a.ts')).toBe(true);
		expect(keep('docs/guide.md')).toBe(true);
		expect(keep('src/a.test.ts')).toBe(false);
		expect(keep('src/a.js')).toBe(false);
	});
});

describe('grouping', () => {
	it('groups matches by file with counts, in the index order, skipping binary files', async () => {
		const workspace = fakeWorkspace(
			{ 'b.ts': 'x x\nno\nx\n', 'a.ts': 'x\n', 'img.png': 'x\0x', 'bin.dat': 'x' },
			[{ path: 'bin.dat', binary: true }]
		);
		const gathered = gatherSearchTexts(workspace, searchableFiles(workspace), () => true);
		expect(gathered.paths).toEqual(['b.ts', 'a.ts']);
		const found = await searchTexts(gathered, {
			pattern: 'x',
			ignoreCase: false,
			signal: new AbortController().signal
		});
		const result = groupResults(found, queryRegex(query('x')));
		expect(result.files.map((f) => [f.path, f.count])).toEqual([
			['b.ts', 3],
			['a.ts', 1]
		]);
		expect(result.files[0]!.lines.map((l) => [l.line, l.ranges])).toEqual([
			[
				0,
				[
					{ start: 0, end: 1 },
					{ start: 2, end: 3 }
				]
			],
			[2, [{ start: 0, end: 1 }]]
		]);
	});

	it('leaves out hidden and ignored files, as grep does', () => {
		const workspace = fakeWorkspace({ '.env': 'x', 'dist/a.js': 'x', 'a.ts': 'x' }, [
			{ path: 'dist/a.js', ignored: true }
		]);
		expect(searchableFiles(workspace).map((f) => f.path)).toEqual(['a.ts']);
	});

	it('lists at most the limit, and counts what it did not list', async () => {
		const result = await search({ 'a.ts': 'x x x\n', 'b.ts': 'x\nx\n' }, query('x'), 4);
		expect(result.total).toBe(5);
		expect(result.shown).toBe(4);
		expect(result.fileCount).toBe(2);
		expect(result.files.map((f) => f.lines.flatMap((l) => l.ranges).length)).toEqual([3, 1]);
	});

	it('cuts a long line around its first match for display', () => {
		const text = '\t\t' + 'a'.repeat(500) + 'NEEDLE' + 'b'.repeat(500);
		const start = text.indexOf('NEEDLE');
		const parts = lineSegments(text, [{ start, end: start + 6 }]);
		expect(parts[0]).toEqual({ text: '…', match: null });
		expect(parts.find((p) => p.match === 0)?.text).toBe('NEEDLE');
		expect(parts.at(-1)).toEqual({ text: '…', match: null });
		expect(lineSegments('\tx = 1', [{ start: 1, end: 2 }])[0]).toEqual({ text: 'x', match: 0 });
	});
});

describe('replace', () => {
	it('expands $1, $&, $<name> and $$ as String.prototype.replace does', () => {
		const regex = /(?<key>\w+)=(\d+)/g;
		const match = regex.exec('a=1; key=42')!;
		expect(expandReplacement('$2:$1 [$&] $<key> $$ $9', match)).toBe('1:a [a=1] a $ $9');
		const line = 'x=1, y=22';
		const regexG = /(\w)=(\d+)/g;
		expect(replaceInLine(line, regexG, '$2=$1', () => true)).toBe(
			line.replace(/(\w)=(\d+)/g, '$2=$1')
		);
	});

	it('replaces only ticked matches of listed lines, keeping \\r\\n line ends', async () => {
		const text = 'foo(1) foo(2)\r\nbar\r\nfoo(3)\r\n';
		const q = query('foo\\((\\d)\\)', { regex: true });
		const result = await search({ 'a.ts': text }, q);
		const file = result.files[0]!;
		const out = replaceInFile(text, file, queryRegex(q), 'baz[$1]', {
			offFiles: new Set(),
			offMatches: new Set([`a.ts\n0\n1`])
		});
		expect(out.text).toBe('baz[1] foo(2)\r\nbar\r\nbaz[3]\r\n');
		expect(out.replaced).toBe(2);
		const none = replaceInFile(text, file, queryRegex(q), 'z', {
			offFiles: new Set(['a.ts']),
			offMatches: new Set()
		});
		expect(none).toEqual({ text, replaced: 0, staleLines: 0 });
	});

	it('leaves lines that changed since the search alone', async () => {
		const q = query('old');
		const result = await search({ 'a.ts': 'old\nold\n' }, q);
		const out = replaceInFile('old\nedited old\n', result.files[0]!, queryRegex(q), 'new', {
			offFiles: new Set(),
			offMatches: new Set()
		});
		expect(out).toEqual({ text: 'new\nedited old\n', replaced: 1, staleLines: 1 });
	});
});
