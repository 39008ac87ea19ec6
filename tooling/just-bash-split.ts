import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ManualChunkMeta } from 'rollup';
import type { Plugin } from 'vite';

/**
 * just-bash ships two builds: `browser.js`, one 1.24 MB file holding every command, and a Node
 * build split by esbuild, whose commands are chunks loaded when first run (a 0.74 MB start). The
 * page parses all of just-bash's start before its runtime is ready, and that parse was the longest
 * step of opening a project, so the client takes the Node build:
 * - `just-bash/browser` resolves to the Node build's entry;
 * - its `node:` imports get stubs (below): what they serve (files on disk, workers, DNS, Node's
 *   module loader) belongs to parts the page never runs, and a stub that is called says so;
 *   `node:zlib` keeps its real shim (zlib-shim.ts);
 * - `__BROWSER__`, the flag the browser build is made with and the Node build reads at run time,
 *   is answered "yes", so the Node build leaves out what only Node can run (tar, sqlite3, python,
 *   js-exec) and the protections that patch Node's loader, exactly as the browser build does.
 * SSR and Node (the CLI, Vitest's unit tests) are untouched.
 */
// A real path, as Vite names modules: node_modules may be a link (a worktree sharing one).
const BUNDLE_DIR = `${realpathSync(
	fileURLToPath(new URL('../node_modules/just-bash/dist/bundle/', import.meta.url))
)}/`;
export const JUST_BASH_NODE_ENTRY = `${BUNDLE_DIR}index.js`;
const STUB_PREFIX = '\0kiln-node-stub:';

const unavailable = (what: string) =>
	`function unavailable() { throw new Error(${JSON.stringify(
		`${what} is not available in the browser`
	)}); }`;

/** A stub per `node:` module the Node build imports, exporting every name it imports. */
export const NODE_STUBS: Readonly<Record<string, string>> = {
	module: `${unavailable('node:module')}
export const Module = undefined;
export default undefined;
export function createRequire() { return unavailable; }
export { unavailable as stripTypeScriptTypes };`,
	async_hooks: 'export const AsyncLocalStorage = undefined;',
	fs: `${unavailable('node:fs')}
export const constants = {};
export const promises = {};
export const existsSync = () => false;
export { unavailable as lstatSync, unavailable as readdirSync, unavailable as realpathSync,
	unavailable as readlinkSync, unavailable as statSync, unavailable as readFileSync };`,
	'fs/promises': `${unavailable('node:fs/promises')}\nexport { unavailable as open };`,
	path: `${unavailable('node:path')}
export const sep = '/';
export const posix = undefined;
export const win32 = undefined;
export { unavailable as basename, unavailable as dirname, unavailable as isAbsolute,
	unavailable as join, unavailable as relative, unavailable as resolve };`,
	crypto: `${unavailable('node:crypto')}\nexport { unavailable as randomBytes };`,
	dns: `${unavailable('node:dns')}\nexport { unavailable as lookup };`,
	url: `${unavailable('node:url')}\nexport { unavailable as fileURLToPath };`,
	worker_threads: `${unavailable('node:worker_threads')}
export class Worker { constructor() { unavailable(); } }
export const parentPort = null;
export const workerData = undefined;`,
	'timers/promises': `${unavailable('node:timers/promises')}\nexport { unavailable as setTimeout };`
};

/** Optional packages tar's compressors try to import: not installed, and tar is left out. */
const ABSENT_OPTIONAL = new Set(['@mongodb-js/zstd', 'node-liblzma']);

/**
 * The Node build with `__BROWSER__` answered. Its checks are "is the flag defined" (minified
 * `typeof X < "u"`, or `typeof X !== "undefined"`) and then its value; both become constants
 * Rollup can fold, dropping the code behind them.
 */
export function asBrowserBuild(code: string): string {
	return code
		.replace(/typeof __BROWSER__\s*([<>]|[!=]==?)\s*"u(?:ndefined)?"/g, (_, op: string) =>
			String(op === '<' || op.startsWith('!'))
		)
		.replaceAll('__BROWSER__', 'true');
}

export function justBashSplit(): Plugin {
	return {
		name: 'kiln:just-bash-split',
		enforce: 'pre',
		applyToEnvironment: (environment) => environment.config.consumer === 'client',
		resolveId(id, importer) {
			if (id === 'just-bash/browser') return JUST_BASH_NODE_ENTRY;
			if (!importer?.startsWith(BUNDLE_DIR)) return undefined;
			if (ABSENT_OPTIONAL.has(id)) return `${STUB_PREFIX}absent:${id}`;
			if (!id.startsWith('node:') || id === 'node:zlib') return undefined;
			const name = id.slice('node:'.length);
			// A just-bash upgrade that imports more of Node fails the build here, not in the page.
			if (!(name in NODE_STUBS)) this.error(`just-bash imports ${id}: add a stub for it here.`);
			return STUB_PREFIX + name;
		},
		load(id) {
			if (!id.startsWith(STUB_PREFIX)) return undefined;
			const name = id.slice(STUB_PREFIX.length);
			if (!name.startsWith('absent:')) return NODE_STUBS[name];
			return `throw new Error(${JSON.stringify(`${name.slice('absent:'.length)} is not installed`)});`;
		},
		transform(code, id) {
			if (!id.startsWith(BUNDLE_DIR)) return undefined;
			const entry = id === JUST_BASH_NODE_ENTRY;
			if (!entry && !code.includes('__BROWSER__')) return undefined;
			// Same-length-or-shorter swaps inside minified lines: no source map worth keeping.
			const browser = asBrowserBuild(code);
			return { code: entry ? withoutNodeProbe(browser) : browser, map: null };
		}
	};
}

/** The probe as just-bash 3 writes it (minified); group 1 is the variable it settles. */
export const NODE_PROBE = /try\{let [\w$]+=process\.getBuiltinModule,[^}]*\}catch\{([\w$]+)=null\}/;

/**
 * The entry's top level probes for Node's module loader (`process.getBuiltinModule`, else
 * `require`) inside a try, settling on null when neither is there. In the page reading `process`
 * throws, and a throw is not free where an inspector is attached (DevTools, the bench's
 * Playwright): V8 then records a detailed stack for it, which for a frame in the entry's top
 * level means parsing all 0.6 MB of it again for source positions (50-80 ms at 4x CPU,
 * measured), and "pause on caught exceptions" stops in it on every load. The page gets the
 * probe's answer, null, without the throw.
 */
export function withoutNodeProbe(entryCode: string): string {
	return entryCode.replace(NODE_PROBE, '$1=null;');
}

/**
 * `manualChunks` for just-bash: its entry and everything it imports statically make one chunk,
 * the start; helpers that only commands use and several share (a flag parser, a quoting function)
 * keep a chunk each, as in just-bash's own split; a command's own code stays with it (Rollup).
 * Left to Rollup, the 1 KB merge (vite.config.ts) put a 92-byte helper of the start into a chunk
 * of Svelte's runtime, with the runtime's loader: the early reads then loaded Svelte, and the shell
 * waited for a chunk that held just-bash code (bundle-budget.spec.ts).
 */
export function justBashChunk(id: string, meta: ManualChunkMeta): string | undefined {
	if (!id.startsWith(BUNDLE_DIR)) return undefined;
	if (startModules(meta).has(id)) return 'just-bash';
	if (!id.startsWith(`${BUNDLE_DIR}chunks/chunk-`)) return undefined;
	const info = meta.getModuleInfo(id);
	if (!info || info.importers.length + info.dynamicImporters.length < 2) return undefined;
	return `just-bash-${id.slice(BUNDLE_DIR.length + 'chunks/chunk-'.length, -'.js'.length)}`;
}

let start: { of: ManualChunkMeta; modules: Set<string> } | undefined;

/** The modules just-bash's entry imports statically, however deep (once per build). */
function startModules(meta: ManualChunkMeta): Set<string> {
	if (start?.of.getModuleInfo === meta.getModuleInfo) return start.modules;
	const modules = new Set<string>();
	const pending = [JUST_BASH_NODE_ENTRY];
	for (let id = pending.pop(); id !== undefined; id = pending.pop()) {
		if (modules.has(id)) continue;
		modules.add(id);
		pending.push(...(meta.getModuleInfo(id)?.importedIds ?? []));
	}
	start = { of: meta, modules };
	return modules;
}
