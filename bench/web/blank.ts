/**
 * The reference page for bytes, LCP, ready and heap: a SvelteKit project with one route and an
 * <h1>, built with the vite/kit/svelte of this repository's node_modules, precompressed and served
 * by the same server as the app. Like the app it renders on the client only (ssr = false, the
 * static adapter's index.html fallback), so a ratio to it is what Kiln adds to SvelteKit itself.
 * Its page sets the same marks the app sets for paint and ready, after its first frame.
 */
import { spawn } from 'node:child_process';
import { mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PERF_MARKS } from '../../src/lib/perf';

const REPO = fileURLToPath(new URL('../..', import.meta.url));

const FILES: Record<string, string> = {
	'package.json': JSON.stringify({ name: 'kiln-bench-blank', private: true, type: 'module' }),
	'svelte.config.js': `import adapter from '@sveltejs/adapter-static';
export default { kit: { adapter: adapter({ fallback: 'index.html', strict: false }) } };
`,
	'vite.config.js': `import { sveltekit } from '@sveltejs/kit/vite';
export default { plugins: [sveltekit()] };
`,
	'src/app.html': `<!doctype html>
<html lang="en">
	<head>
		<meta charset="utf-8" />
		<meta name="viewport" content="width=device-width, initial-scale=1" />
		<title>Blank</title>
		%sveltekit.head%
	</head>
	<body>
		<div style="display: contents">%sveltekit.body%</div>
	</body>
</html>
`,
	'src/routes/+layout.js': `export const ssr = false;
export const prerender = false;
`,
	'src/routes/+page.svelte': `<script>
	import { onMount } from 'svelte';
	onMount(() => {
		requestAnimationFrame(() => {
			performance.mark('${PERF_MARKS.shellPainted}');
			performance.mark('${PERF_MARKS.runtimeReady}');
		});
	});
</script>

<h1>A blank SvelteKit page</h1>
`
};

function run(command: string, args: string[], cwd: string): Promise<void> {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
		let output = '';
		child.stdout.on('data', (chunk) => (output += chunk));
		child.stderr.on('data', (chunk) => (output += chunk));
		child.on('error', reject);
		child.on('exit', (code) =>
			code === 0
				? resolve()
				: reject(new Error(`${args.join(' ')} failed in ${cwd} (exit ${code}):\n${output}`))
		);
	});
}

/**
 * Writes the project into a temporary folder (node_modules linked to this repository's, so the
 * versions are the app's), builds and precompresses it; returns the build folder to serve.
 */
export async function buildBlankPage(dir = join(tmpdir(), 'kiln-bench-blank')): Promise<string> {
	await rm(dir, { recursive: true, force: true });
	for (const [path, text] of Object.entries(FILES)) {
		await mkdir(dirname(join(dir, path)), { recursive: true });
		await writeFile(join(dir, path), text);
	}
	await symlink(join(REPO, 'node_modules'), join(dir, 'node_modules'), 'dir');
	await run(process.execPath, [join(REPO, 'node_modules/vite/bin/vite.js'), 'build'], dir);
	const build = join(dir, 'build');
	await run(process.execPath, [join(REPO, 'scripts/precompress.mjs'), build], REPO);
	return build;
}
