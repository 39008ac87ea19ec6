import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
	asBrowserBuild,
	JUST_BASH_NODE_ENTRY,
	justBashChunk,
	justBashSplit,
	NODE_PROBE,
	NODE_STUBS,
	withoutNodeProbe
} from '../../../tooling/just-bash-split';
import * as zlibShim from '../../../src/lib/runtime/browser/zlib-shim';

const bundleDir = dirname(JUST_BASH_NODE_ENTRY);
/** Every file of just-bash's Node build: its entry, and the chunks (commands, workers) by it. */
const nodeBuild = [
	JUST_BASH_NODE_ENTRY,
	...readdirSync(join(bundleDir, 'chunks'))
		.filter((name) => name.endsWith('.js'))
		.map((name) => join(bundleDir, 'chunks', name))
].map((path) => ({ path, code: readFileSync(path, 'utf8') }));

/** `node:` module → the names the Node build imports from it (`*` for a namespace import). */
function nodeImports(): Map<string, Set<string>> {
	const found = new Map<string, Set<string>>();
	const add = (module: string, name: string) =>
		found.set(module, (found.get(module) ?? new Set()).add(name));
	for (const { code } of nodeBuild) {
		for (const [, names, module] of code.matchAll(
			/import\s*\{([^}]*)\}\s*from\s*"node:([^"]+)"/g
		)) {
			for (const part of names!.split(',')) add(module!, part.trim().split(/\s+as\s+/)[0]!);
		}
		for (const [, module] of code.matchAll(/import\s*\*\s*as\s*[\w$]+\s*from\s*"node:([^"]+)"/g)) {
			add(module!, '*');
		}
	}
	return found;
}

const stubModule = (name: string): Promise<Record<string, unknown>> =>
	import(`data:text/javascript,${encodeURIComponent(NODE_STUBS[name]!)}`);

type Resolve = (
	this: { error(message: string): never },
	id: string,
	importer?: string
) => string | undefined;
type Load = (id: string) => string | undefined;
const plugin = justBashSplit();
const context = {
	error(message: string): never {
		throw new Error(message);
	}
};
const resolve = (id: string, importer?: string) =>
	(plugin.resolveId as unknown as Resolve).call(context, id, importer);
const load = (id: string) => (plugin.load as unknown as Load)(id);

describe("just-bash's split Node build in the page", () => {
	it('has a stub for every node: module the Node build imports, exporting each imported name', async () => {
		const imports = nodeImports();
		// The scan itself works: these are imports the build is known to make.
		expect(imports.get('fs')).toContain('existsSync');
		expect(imports.get('worker_threads')).toContain('Worker');
		for (const [module, names] of imports) {
			const exported = module === 'zlib' ? zlibShim : await stubModule(module);
			for (const name of names) {
				if (name !== '*') expect(exported, `node:${module} → ${name}`).toHaveProperty(name);
			}
		}
	});

	it('says the browser lacks it when a stubbed facility is called', async () => {
		const fs = await stubModule('fs');
		expect(() => (fs.lstatSync as () => void)()).toThrow('node:fs is not available in the browser');
		expect((fs.existsSync as () => boolean)()).toBe(false);
		const workers = await stubModule('worker_threads');
		const Worker = workers.Worker as new () => unknown;
		expect(() => new Worker()).toThrow('node:worker_threads is not available in the browser');
		const module = await stubModule('module');
		const require = (module.createRequire as () => (id: string) => unknown)();
		expect(() => require('x')).toThrow('node:module is not available in the browser');
		// What the defence-in-depth code reads to decide it cannot patch Node's loader.
		expect((await stubModule('async_hooks')).AsyncLocalStorage).toBeUndefined();
	});

	it("resolves just-bash to its Node build, and only just-bash's node: imports to stubs", () => {
		const chunk = join(bundleDir, 'chunks', 'any.js');
		expect(resolve('just-bash/browser', '/work/src/lib/runtime/browser/just-bash-parts.ts')).toBe(
			JUST_BASH_NODE_ENTRY
		);
		const fsStub = resolve('node:fs', JUST_BASH_NODE_ENTRY);
		expect(fsStub).toMatch(/^\0/);
		expect(load(fsStub!)).toBe(NODE_STUBS.fs);
		expect(resolve('node:fs', '/work/src/cli/main.ts')).toBeUndefined();
		// gzip really compresses: node:zlib stays with its own shim.
		expect(resolve('node:zlib', chunk)).toBeUndefined();
		expect(resolve('sprintf-js', chunk)).toBeUndefined();
		expect(() => resolve('node:http', chunk)).toThrow(/just-bash imports node:http/);
	});

	it('answers optional packages that are not installed with a module that fails to load', () => {
		const id = resolve('@mongodb-js/zstd', join(bundleDir, 'chunks', 'any.js'));
		expect(load(id!)).toContain('@mongodb-js/zstd is not installed');
		expect(resolve('@mongodb-js/zstd', '/work/src/app.ts')).toBeUndefined();
	});

	it('answers the build flag as the browser build would, leaving Node-only commands out', () => {
		expect(asBrowserBuild('var f=typeof __BROWSER__<"u"&&__BROWSER__;')).toBe('var f=true&&true;');
		expect(asBrowserBuild('(typeof __BROWSER__>"u"||!__BROWSER__)&&(un.push(tar));')).toBe(
			'(false||!true)&&(un.push(tar));'
		);
		expect(asBrowserBuild('var B = typeof __BROWSER__ !== "undefined" && __BROWSER__;')).toBe(
			'var B = true && true;'
		);
		const flagged = nodeBuild.filter(({ code }) => code.includes('__BROWSER__'));
		expect(flagged.map(({ path }) => path)).toContain(JUST_BASH_NODE_ENTRY);
		for (const { path, code } of flagged) {
			expect(asBrowserBuild(code), path).not.toContain('__BROWSER__');
			// Every read of the flag is one of the two shapes above (a new shape would need a look).
			const reads = code.match(/__BROWSER__/g)!.length;
			const guarded = code.match(
				/typeof __BROWSER__\s*([<>]|[!=]==?)\s*"u(ndefined)?"\s*(&&|\|\|!)\s*__BROWSER__/g
			);
			expect(reads, path).toBe(2 * (guarded?.length ?? 0));
		}
	});

	it("settles the entry's probe for Node's module loader without throwing in the page", () => {
		const entry = nodeBuild.find(({ path }) => path === JUST_BASH_NODE_ENTRY)!.code;
		// The probe reads process.getBuiltinModule, else require("node:module").
		const probe = NODE_PROBE.exec(entry);
		expect(probe, 'a just-bash upgrade changed the probe: look at withoutNodeProbe').not.toBeNull();
		const [block, variable] = probe!;
		const requireName = /typeof ([\w$]+)=="function"\?\1\("node:module"\)/.exec(block)![1]!;
		// Run as the page would: no `process`, and a require that throws (the node:module stub's).
		const run = (code: string) => {
			let thrown = 0;
			const noProcess = {
				get getBuiltinModule(): never {
					thrown += 1;
					throw new ReferenceError('process is not defined');
				}
			};
			const stubRequire = () => {
				thrown += 1;
				throw new Error('node:module is not available in the browser');
			};
			const body = `let ${variable}="unset";${code};return ${variable};`;
			const value = new Function('process', requireName, body)(noProcess, stubRequire) as unknown;
			return { value, thrown };
		};
		expect(run(block)).toEqual({ value: null, thrown: 1 });
		const settled = withoutNodeProbe(block);
		expect(run(settled)).toEqual({ value: null, thrown: 0 });
		// The build's entry, through the plugin: the probe is gone, the rest of the entry kept.
		const transform = plugin.transform as unknown as (code: string, id: string) => { code: string };
		const built = transform(entry, JUST_BASH_NODE_ENTRY).code;
		expect(built).not.toContain('process.getBuiltinModule,');
		expect(built.length).toBe(asBrowserBuild(entry).length - block.length + settled.length);
	});

	it("keeps just-bash's start in one chunk and helpers several commands share in their own", () => {
		const at = (name: string) => join(bundleDir, name);
		// entry → start helper; two commands → a shared helper; one command → its own helper.
		const graph: Record<string, { imports: string[]; importers: string[] }> = {
			[JUST_BASH_NODE_ENTRY]: { imports: [at('chunks/chunk-START.js')], importers: [] },
			[at('chunks/chunk-START.js')]: { imports: [], importers: [JUST_BASH_NODE_ENTRY] },
			[at('chunks/chunk-SHARED.js')]: {
				imports: [],
				importers: [at('chunks/sort-A.js'), at('chunks/uniq-B.js')]
			},
			[at('chunks/chunk-OWN.js')]: { imports: [], importers: [at('chunks/sort-A.js')] }
		};
		const meta = {
			getModuleIds: () => Object.keys(graph).values(),
			getModuleInfo: (id: string) =>
				graph[id] && {
					importedIds: graph[id].imports,
					importers: graph[id].importers,
					dynamicImporters: []
				}
		} as unknown as Parameters<typeof justBashChunk>[1];
		expect(justBashChunk(JUST_BASH_NODE_ENTRY, meta)).toBe('just-bash');
		expect(justBashChunk(at('chunks/chunk-START.js'), meta)).toBe('just-bash');
		expect(justBashChunk(at('chunks/chunk-SHARED.js'), meta)).toBe('just-bash-SHARED');
		expect(justBashChunk(at('chunks/chunk-OWN.js'), meta)).toBeUndefined();
		expect(justBashChunk(at('chunks/sort-A.js'), meta)).toBeUndefined();
		expect(justBashChunk('/work/src/lib/app.ts', meta)).toBeUndefined();
	});
});
