/**
 * `kiln tool grep` answered by ripgrep is mostly start-up time: Node's start, the modules it
 * loads, ripgrep. The tools' schemas (zod) took longer to load than the search, so that path
 * reads its arguments without them (grep-plain-args.ts). This holds it there: the process's
 * loaded modules are recorded by a module hook, and zod must not be among them, while a grep
 * that needs the full tool (no ripgrep on PATH) does load it, which shows the check can see it.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { collectOutput, spawnCli, useTempDirs } from './cli-process';

const TIMEOUT = 30_000;
const hasRipgrep = spawnSync('rg', ['--version']).status === 0;

/** A preload that registers a load hook appending each module's URL to $KILN_MODULE_LOG. */
const RECORDER = `
import { register } from 'node:module';
register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(`
import { appendFileSync } from 'node:fs';
export async function load(url, context, next) {
	appendFileSync(process.env.KILN_MODULE_LOG, url + '\\n');
	return next(url, context);
}`)}));
`;

async function loadedModules(dir: string, env: NodeJS.ProcessEnv): Promise<string[]> {
	// Beside the project (useTempDirs removes both).
	const log = join(dirname(dir), 'modules.log');
	appendFileSync(log, '');
	const child = spawnCli(
		['tool', 'grep', '--dir', dir, '--args', JSON.stringify({ pattern: 'greet', glob: '*.ts' })],
		{ env: { ...env, KILN_MODULE_LOG: log, NODE_OPTIONS: `--import=${recorderUrl()}` } }
	);
	const result = await collectOutput(child);
	expect(result).toMatchObject({ code: 0 });
	expect(result.stdout.trim().split('\n').sort()).toEqual(['src/greet.ts', 'src/main.ts']);
	return (await readFile(log, 'utf8')).split('\n').filter(Boolean);
}

function recorderUrl(): string {
	return `data:text/javascript,${encodeURIComponent(RECORDER)}`;
}

/** Whether a loaded module is zod: its own files (sources through tsx) or a chunk bundling it. */
async function isZod(url: string): Promise<boolean> {
	if (url.includes('/node_modules/zod/')) return true;
	if (!url.startsWith('file:') || url.includes('/node_modules/')) return false;
	const text = await readFile(fileURLToPath(url), 'utf8');
	// esbuild names each bundled file in a comment, relative to where it ran: `// node_modules/zod/…`
	// in a checkout, `// ../other/node_modules/zod/…` where node_modules is a link elsewhere.
	return /^\/\/ \S*node_modules\/zod\//m.test(text);
}

async function anyZod(urls: string[]): Promise<boolean> {
	for (const url of urls) if (await isZod(url)) return true;
	return false;
}

describe.skipIf(!hasRipgrep)('kiln tool grep start-up', () => {
	const tempDir = useTempDirs();

	async function project(): Promise<string> {
		const dir = join(await tempDir(), 'project');
		for (const [path, text] of Object.entries({
			'src/main.ts': 'import { greet } from "./greet";\ngreet();\n',
			'src/greet.ts': 'export function greet() {}\n'
		})) {
			await mkdir(dirname(join(dir, path)), { recursive: true });
			await writeFile(join(dir, path), text);
		}
		return dir;
	}

	it(
		'answered by ripgrep, it loads no schema library',
		async () => {
			const modules = await loadedModules(await project(), process.env);
			expect(modules.length).toBeGreaterThan(1);
			expect(await anyZod(modules)).toBe(false);
		},
		TIMEOUT
	);

	it(
		'without ripgrep, the full tool runs and zod is loaded',
		async () => {
			// PATH leads nowhere: no ripgrep, so the tool's in-process engine answers.
			const modules = await loadedModules(await project(), { ...process.env, PATH: '' });
			expect(await anyZod(modules)).toBe(true);
		},
		TIMEOUT
	);
});
