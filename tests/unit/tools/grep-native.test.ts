/**
 * The ripgrep-backed grep (node runtime with rg) against the in-process engine (the same
 * folder, node runtime without rg): every output must be byte for byte the same, on a fixture
 * with what differs between the two engines' worlds — ignore files, opaque and hidden folders,
 * binary files, Unicode, CRLF, long lines, awkward names — and on hostile patterns (options,
 * shell syntax, constructs one regex dialect lacks). Also checks that ripgrep really answered
 * where it should, so the comparison cannot pass by both sides running the same engine.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeRuntime } from '../../../src/lib/runtime/node';
import type { NativeGrepRequest, Runtime } from '../../../src/lib/runtime/types';
import { createReadTracker, runTool, type ToolContext } from '../../../src/lib/tools';
import { openWorkspace, type Workspace } from '../../../src/lib/workspace';

const hasRipgrep = spawnSync('rg', ['--version']).status === 0;

const longLine = `${'x'.repeat(2500)} needle ${'y'.repeat(2500)}`;
const lateNul = new Uint8Array([...new TextEncoder().encode('needle early\n'.repeat(10)), 0, 65]);

const FIXTURES: Record<string, string | Uint8Array> = {
	'.gitignore': 'generated/\n*.log\n',
	'generated/out.ts': 'export function needle() {}\n',
	'debug.log': 'needle in a log\n',
	'.hidden/secret.ts': 'needle\n',
	'.env': 'needle=1\n',
	// Not gitignored: the workspace never indexes node_modules anyway.
	'node_modules/pkg/index.js': 'export function needle() {}\n',
	'lib/node_modules/deep/x.js': 'needle\n',
	'docs/nested/.gitignore': '*.md\n!keep.md\n',
	'docs/nested/drop.md': 'needle dropped\n',
	'docs/nested/keep.md': 'needle kept\n',
	'.ignore': 'vendor/\n',
	'vendor/lib.ts': 'export function needle() {}\n',
	'assets/blob.bin': new Uint8Array([110, 101, 101, 100, 108, 101, 0, 1, 2, 3]),
	'assets/late-nul.dat': lateNul,
	'assets/latin1.txt': new Uint8Array([99, 97, 102, 0xe9, 32, 110, 101, 101, 100, 108, 101, 10]),
	'assets/far-nul.txt': new Uint8Array([
		...new TextEncoder().encode('needle far\n' + 'filler line\n'.repeat(20_000)),
		0
	]),
	'assets/utf16.txt': new Uint8Array([0xff, 0xfe, 110, 0, 101, 0, 101, 0, 100, 0]),
	'text/crlf.txt': 'needle one\r\nline end\r\nline end\nlast needle\r\n',
	'text/no-newline.txt': 'needle at the end',
	'text/unicode.txt':
		'naïve needle ✓ 12345678\nΣΑΣ σας ß STRASSE\n\u00a0needle after nbsp\nArabic ١٢٣ digits\ncafé\n',
	'text/empty.txt': '',
	'text/blank-lines.txt': '\n\n\nneedle\n\n',
	'text/bom.txt': '\ufeffneedle with a BOM\n',
	'text/minified.js': `${longLine}\n`,
	'text/context.txt': Array.from({ length: 30 }, (_, i) =>
		i % 7 === 3 ? `needle ${i}` : `line ${i}`
	).join('\n'),
	'src/a.ts': 'export const a = 1; // TODO needle\nfunction f(x) { return x + 1; }\n',
	'src/sub/b.ts': 'import { a } from "../a";\nclass Widget {}\n-e needle\n',
	'src/sub/b.test.ts': 'test("needle", () => {});\n',
	'src/c.svelte': '<script>let n = $state(0);</script>\n<p>{n} needle</p>\n',
	'dir with space/a:b.ts': 'needle in an odd name\n',
	'-rf.ts': 'rm -rf needle\n',
	'a-b/x.ts': 'needle\n',
	'a/b.ts': 'needle\n',
	'Ünïcödé/name.md': 'needle\n'
};

interface Case {
	pattern: string;
	ignore_case?: boolean;
	glob?: string;
	path?: string;
}

const PATTERNS: Case[] = [
	{ pattern: 'needle' },
	{ pattern: 'NEEDLE', ignore_case: true },
	{ pattern: '(?i)NeEdLe' },
	{ pattern: '\\d+' },
	{ pattern: '\\D{3}\\d' },
	{ pattern: '\\w+ needle' },
	{ pattern: '\\W\\w' },
	{ pattern: '\\bneedle\\b' },
	{ pattern: '\\Bee' },
	{ pattern: '\\s+needle' },
	{ pattern: '^\\S+$' },
	{ pattern: 'n.e' },
	{ pattern: 'one.$' },
	{ pattern: 'end$' },
	{ pattern: '^needle' },
	{ pattern: '[^a-z ]' },
	{ pattern: '[\\w-]+\\.ts' },
	{ pattern: 'ΣΑΣ', ignore_case: true },
	{ pattern: 'strasse', ignore_case: true },
	{ pattern: 'é|✓' },
	{ pattern: '\\u00e9' },
	{ pattern: '\\u{1F600}|\\x41' },
	{ pattern: '(?<word>ne)edle' },
	{ pattern: '(?:ne){1}e\\w{2,}' },
	{ pattern: 'x{2000}' },
	{ pattern: '-e' },
	{ pattern: '--' },
	{ pattern: '-rf' },
	{ pattern: "'; rm -rf / #" },
	{ pattern: '$(echo needle)' },
	{ pattern: '`needle`' },
	// Dialect differences: the in-process engine must answer these.
	{ pattern: '(?=needle)nee' },
	{ pattern: '(?<!x)needle' },
	{ pattern: '(n)eed\\1?' },
	{ pattern: '^$' },
	{ pattern: 'x*' },
	{ pattern: '\\/' },
	{ pattern: '[[:alpha:]]+' },
	{ pattern: '[a-c&&b]' },
	{ pattern: '[^]' },
	{ pattern: '\\p{L}+' },
	{ pattern: 'a{' },
	{ pattern: '(' },
	{ pattern: '\\' },
	// Filters.
	{ pattern: 'needle', glob: '*.ts' },
	{ pattern: 'needle', glob: '!*.ts' },
	{ pattern: 'needle', glob: '**/*.test.ts' },
	{ pattern: 'needle', glob: 'sub/*.ts', path: 'src' },
	{ pattern: 'needle', glob: '{a,b}.ts' },
	{ pattern: 'needle', glob: '+(a|b).ts' },
	{ pattern: 'needle', path: 'src/sub' },
	{ pattern: 'needle', path: 'src/sub/b.ts' },
	{ pattern: 'needle', path: 'generated' },
	{ pattern: 'needle', path: 'assets/blob.bin' },
	{ pattern: 'needle', path: 'node_modules/pkg' },
	{ pattern: 'needle', path: 'missing' },
	{ pattern: 'needle', path: '../outside' },
	{ pattern: 'needle', path: '-rf.ts' }
];

const MODES: Record<string, object> = {
	files: {},
	content: { output_mode: 'content' },
	count: { output_mode: 'count' },
	context: { output_mode: 'content', context: 2 },
	head: { output_mode: 'content', head_limit: 3 }
};

/** Patterns the in-process engine must answer (the rewrite gives up on them). */
const DIALECT_DIFFERENCES = new Set(PATTERNS.slice(31, 44).map((c) => c.pattern));
/** Paths and globs the in-process engine answers (files, ignored, opaque, missing, outside; extglobs). */
const inProcessOnly = (c: Case) =>
	(c.path !== undefined && !['src', 'src/sub'].includes(c.path)) || c.glob?.startsWith('+');

let root = '';
const open: { runtime: Runtime; workspace: Workspace }[] = [];
let native: ToolContext;
let inProcess: ToolContext;
const requests: NativeGrepRequest[] = [];

async function context(ripgrep: boolean): Promise<ToolContext> {
	const created = await createNodeRuntime({ root, ...(ripgrep ? {} : { ripgrep: false }) });
	const search = created.search;
	// Records what reaches ripgrep, to prove the native side ran.
	const runtime: Runtime = search
		? {
				...created,
				search: {
					label: search.label,
					grep: (request) => {
						requests.push(request);
						return search.grep(request);
					}
				}
			}
		: created;
	const workspace = await openWorkspace({ projectId: 'native', runtime });
	open.push({ runtime: created, workspace });
	return {
		workspace,
		runtime,
		signal: new AbortController().signal,
		readTracker: createReadTracker()
	};
}

beforeAll(async () => {
	if (!hasRipgrep) return;
	root = await mkdtemp(join(tmpdir(), 'kiln-native-grep-'));
	for (const [path, content] of Object.entries(FIXTURES)) {
		await mkdir(join(root, path, '..'), { recursive: true });
		await writeFile(join(root, path), content);
	}
	native = await context(true);
	inProcess = await context(false);
	expect(native.runtime.search).toBeDefined();
	expect(inProcess.runtime.search).toBeUndefined();
});

afterAll(async () => {
	for (const { runtime, workspace } of open.splice(0)) {
		workspace.dispose();
		await runtime.dispose();
	}
	if (root) await rm(root, { recursive: true, force: true });
});

describe.skipIf(!hasRipgrep)('grep with ripgrep gives what the in-process engine gives', () => {
	describe.each(Object.entries(MODES))('%s mode', (_mode, options) => {
		it.each(PATTERNS)('/$pattern/ (glob $glob, path $path)', async (c) => {
			const args = { ...c, ...options };
			const before = requests.length;
			const expected = await runTool('grep', args, inProcess);
			const actual = await runTool('grep', args, native);
			expect(actual).toEqual(expected);
			const asked = requests.length - before;
			if (DIALECT_DIFFERENCES.has(c.pattern) || inProcessOnly(c)) expect(asked).toBe(0);
			// Argument errors (context outside content mode) stop before any search.
			else if (actual.ok) expect(asked, 'ripgrep was not asked').toBe(1);
		});
	});

	it('finds what the fixtures are there for', async () => {
		const result = await runTool('grep', { pattern: 'needle' }, native);
		expect(result.output.split('\n')).toEqual([
			'-rf.ts',
			'a/b.ts',
			'a-b/x.ts',
			'dir with space/a:b.ts',
			'docs/nested/keep.md',
			'src/a.ts',
			'src/c.svelte',
			'src/sub/b.test.ts',
			'src/sub/b.ts',
			'text/blank-lines.txt',
			'text/bom.txt',
			'text/context.txt',
			'text/crlf.txt',
			'text/minified.js',
			'text/no-newline.txt',
			'text/unicode.txt',
			'Ünïcödé/name.md'
		]);
	});
});
