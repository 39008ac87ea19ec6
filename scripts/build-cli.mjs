// Builds the `kiln` command into dist/cli/ for the npm package: plain JavaScript, no tsx at run
// time. The CLI's own code (src/cli, src/lib) is bundled; npm packages stay imports, and the
// build fails when one of them is not in package.json's `dependencies` (an installed package
// would not have it). Run by `npm run build:cli` and by `npm pack` (prepack).
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// `--outdir <dir>`: the tests' own copy (tests/cli-build.ts), apart from the package's dist/cli/.
const outdirFlag = process.argv.indexOf('--outdir');
const outdir = outdirFlag === -1 ? join(root, 'dist/cli') : resolve(process.argv[outdirFlag + 1]);

/** What each file runs: the CLI, and the host its commands run under (src/cli/command-host.ts). */
const ENTRIES = {
	'kiln.mjs': `import { runKilnProcess } from './src/cli/entry.ts';\nawait runKilnProcess();\n`,
	'kiln-command-host.mjs': `import { serveCommandHost } from './src/cli/host-entry.ts';\nawait serveCommandHost();\n`
};

/**
 * Small pure-JavaScript packages on the fast path (`kiln tool grep`) are bundled into the CLI's
 * chunks: Node resolves and loads an npm package file by file (zod alone is dozens of modules),
 * which cost more start-up time than the search itself. They stay in `dependencies` all the same.
 */
const INLINED = new Set(['zod', 'picomatch', 'ignore']);

const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));
const dependencies = new Set(Object.keys(pkg.dependencies ?? {}));
const builtins = new Set(builtinModules);

await rm(outdir, { recursive: true, force: true });
const missing = new Set();
// One build with code splitting: each command's modules (and the npm packages they import) load
// when that command runs, so `kiln tool grep` does not wait for the model SDKs and parsers.
const result = await build({
	// Named by the keys: kiln.mjs, kiln-command-host.mjs.
	entryPoints: Object.fromEntries(
		Object.keys(ENTRIES).map((file) => [file.replace(/\.mjs$/, ''), `kiln-entry:${file}`])
	),
	outdir,
	// Beside the entries: command-host.ts finds the host relative to its own chunk.
	chunkNames: 'chunk-[hash]',
	outExtension: { '.js': '.mjs' },
	splitting: true,
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	plugins: [entries(), nodeResolvableImports()],
	// The host is compiled beside the CLI (src/cli/command-host.ts reads this).
	define: { KILN_COMMAND_HOST: JSON.stringify('./kiln-command-host.mjs') },
	banner: { js: '#!/usr/bin/env node' },
	metafile: true,
	logLevel: 'warning'
});
for (const output of Object.values(result.metafile.outputs)) {
	for (const { path, external } of output.imports) {
		if (!external) continue;
		const name = packageName(path);
		if (name && !dependencies.has(name)) missing.add(name);
	}
}
if (missing.size > 0) {
	console.error(
		`build-cli: the CLI imports ${[...missing].join(', ')}, which package.json lists outside "dependencies". Move them there: an installed kiln would not have them.`
	);
	process.exit(1);
}
console.log(`build-cli: wrote ${Object.keys(ENTRIES).join(', ')} to ${relative(root, outdir)}/`);

/** The entries' source (ENTRIES) as modules esbuild can split: `kiln-entry:kiln.mjs` → kiln.mjs. */
function entries() {
	return {
		name: 'kiln-entries',
		/** @param {import('esbuild').PluginBuild} build */
		setup(build) {
			build.onResolve({ filter: /^kiln-entry:/ }, (args) => ({
				path: args.path.slice('kiln-entry:'.length).replace(/\.mjs$/, ''),
				namespace: 'kiln-entry'
			}));
			build.onLoad({ filter: /.*/, namespace: 'kiln-entry' }, (args) => ({
				contents: ENTRIES[`${args.path}.mjs`],
				resolveDir: root,
				loader: 'ts'
			}));
		}
	};
}

/**
 * Leaves npm packages as imports, written so Node's own ESM resolution finds them: bundlers
 * accept `picomatch/posix` where Node, for a package without an exports map, needs the file
 * (`picomatch/posix.js`).
 */
function nodeResolvableImports() {
	return { name: 'node-resolvable-imports', setup };
}

/** @param {import('esbuild').PluginBuild} build */
function setup(build) {
	build.onResolve({ filter: /^[^./]/ }, async (args) => {
		if (args.pluginData === 'inner' || !packageName(args.path)) return undefined;
		if (INLINED.has(packageName(args.path))) return undefined;
		if (nodeFinds(args.path)) return { path: args.path, external: true };
		const found = await build.resolve(args.path, {
			kind: args.kind,
			resolveDir: args.resolveDir,
			pluginData: 'inner'
		});
		if (found.errors.length > 0) return { errors: found.errors };
		const name = packageName(args.path);
		const within = found.path.slice(found.path.lastIndexOf(`/node_modules/${name}/`));
		return { path: within.slice('/node_modules/'.length), external: true };
	});
}

/** Whether Node's ESM resolution finds `specifier` (import.meta.resolve does not check the file). */
function nodeFinds(specifier) {
	try {
		const url = import.meta.resolve(specifier);
		return !url.startsWith('file:') || existsSync(fileURLToPath(url));
	} catch {
		return false;
	}
}

/** `@scope/name/sub` → `@scope/name`; builtins (`node:fs`, `fs`) → undefined. */
function packageName(specifier) {
	if (specifier.startsWith('node:') || builtins.has(specifier.split('/')[0])) return undefined;
	const parts = specifier.split('/');
	return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}
