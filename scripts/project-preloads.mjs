#!/usr/bin/env node
// After the build: gives the page a list of what opening a project needs, so that it is all
// requested while the HTML is still being parsed.
//
// Kiln is a single-page app: one prerendered index.html answers every address, so it can only
// name the scripts every page needs (SvelteKit's entry and the root layout). A page opened on
// /project/<id> used to learn what the IDE needs in three waves, each after the one before had
// downloaded and run: the entry, then the route's node (and the early reads' code, which
// hooks.client imports), then just-bash. The inline script in src/app.html now asks for the
// route and the early reads at once when the address is a project's (and just-bash, on a fast
// line), and starts the reads (which ask for just-bash where the list did not); this fills in its
// list, which only exists once the build has named the chunks, and updates the page's script
// policy to the filled script's hash.
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** What src/app.html's script holds until the build fills it in (dev: nothing to ask for). */
export const PLACEHOLDER = "/* project preloads */ { preload: [], start: '', route: '' }";

/** The module that starts reading the project when imported (the inline script imports it). */
export const START_MODULE = /\/src\/lib\/state\/early-open-start\.ts$/;

/**
 * The modules opening a project starts with, in the order asked for: the early reads (storage,
 * the files, the newest chat, the ownership claim), then the route (its shell paints from it).
 * The early reads' code is small and arrives first, so the reads run before SvelteKit's entry
 * and the route (~40 files) have arrived and run, rather than after.
 */
export const PROJECT_ROOTS = [START_MODULE, /\/src\/routes\/project\/\[id\]\/\+page\.svelte$/];

/** just-bash's entry, whichever of its builds the page runs (tooling/just-bash-split.ts). */
export const JUST_BASH_ENTRY = /\/node_modules\/just-bash\/dist\/bundle\/(browser|index)\.js$/;

/**
 * The offline runtime's modules: the three the runtime's loader imports (runtime/browser/
 * browser-runtime.ts), with all they import: just-bash's start (~190 KB gzip and the longest to
 * compile; tooling/just-bash-split.ts says which of its builds), Buffer and Kiln's runtime. Its
 * import of just-bash is a re-export whose chunk also holds a few command helpers: when just-bash's
 * entry was listed instead, that chunk was asked for only once the early reads' code had run, and
 * just-bash could not run before it arrived (20–70 ms later in a traced cold open). Listed
 * between the early reads and the route but marked `fastLine`: the page asks for them there only
 * on a fast line. Otherwise early-open-start asks for them when it runs. On a slow line
 * they took the bandwidth the shell's own scripts needed (Fast 3G + 4× CPU: painted 0.95 s later,
 * for a runtime ready 0.4 s sooner); on a fast one, asked for ~100 ms later behind the route's
 * requests, they held the runtime back that long.
 */
export const RUNTIME_ROOTS = [
	/\/src\/lib\/runtime\/browser\/just-bash-parts\.ts$/,
	/\/node_modules\/buffer\/index\.js$/,
	/\/src\/lib\/runtime\/browser\/bash-runtime\.ts$/
];

/** `roots` (chunk file names) and every chunk they import statically, however deep. */
export function staticClosure(report, roots) {
	const byFile = new Map(report.map((chunk) => [chunk.fileName, chunk]));
	const seen = new Set();
	const pending = [...roots];
	for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
		if (seen.has(file)) continue;
		seen.add(file);
		pending.push(...(byFile.get(file)?.imports ?? []));
	}
	return seen;
}

/**
 * The chunks (and their stylesheets) to preload for a project's address, in order, leaving out
 * what the HTML already preloads. `report` is the bundle report (tooling/bundle-report.ts), and
 * `manifest` Vite's manifest, which alone knows each chunk's CSS.
 */
export function projectPreloads(report, manifest, alreadyPreloaded) {
	return {
		preload: preloadList(report, manifest, alreadyPreloaded),
		start: startModule(report),
		route: routeNode(report)
	};
}

/**
 * The IDE route's node, which the page imports as soon as it has arrived: its code (the
 * project's session among it) runs then, not after SvelteKit's start asks for it
 * (src/lib/state/early-session.ts).
 */
function routeNode(report) {
	const [, route] = PROJECT_ROOTS;
	const [node, chunk] = chunkOfModule(report, route);
	if (!chunk) throw new Error(`No node of the build imports the chunk holding ${route}.`);
	return `/${node}`;
}

/**
 * The file of the chunk holding a module matching `pattern`; for a route's component, SvelteKit's
 * node that imports it first (SvelteKit loads the component through it: preload both).
 */
function chunkOfModule(report, pattern) {
	const chunk = report.find((c) => c.modules.some((module) => pattern.test(module.id)));
	if (!chunk) throw new Error(`No chunk of the build holds a module matching ${pattern}.`);
	const node = report.find((c) => c.isEntry && c.imports.includes(chunk.fileName));
	return node && /\/nodes\//.test(node.fileName)
		? [node.fileName, chunk.fileName]
		: [chunk.fileName];
}

/** The built file of START_MODULE, which must be a chunk of its own: importing it runs it. */
function startModule(report) {
	const chunk = report.find((c) => c.modules.some((module) => START_MODULE.test(module.id)));
	if (!chunk?.isDynamicEntry || chunk.modules.length !== 1) {
		throw new Error(
			`${START_MODULE} must be built as a chunk of its own (found in ${chunk?.fileName ?? 'no chunk'}).`
		);
	}
	return `/${chunk.fileName}`;
}

function preloadList(report, manifest, alreadyPreloaded) {
	const cssByFile = new Map(Object.values(manifest).map((entry) => [entry.file, entry.css ?? []]));
	const wanted = [];
	const seen = new Set();
	const already = new Set(alreadyPreloaded);
	const add = (file, as, { early = false, fastLine = false } = {}) => {
		if (seen.has(file) || (!early && already.has(file))) return;
		seen.add(file);
		wanted.push({ href: `/${file}`, as, ...(fastLine ? { fastLine } : {}) });
	};
	const addAll = (files, flagsOf) => {
		for (const file of files) {
			for (const css of cssByFile.get(file) ?? []) add(css, 'style', flagsOf(file));
			add(file, 'script', flagsOf(file));
		}
	};
	// Root by root: the early reads, the runtime, the route. Within one, order does not matter (a
	// module runs only when everything it imports has arrived). Requests are answered about in
	// the order made, so the early reads' closure is listed whole, even what the HTML's own links
	// ask for after this script (idb-keyval and zod, shared with the root layout); the same file
	// asked for twice is fetched once.
	const [early, route] = PROJECT_ROOTS;
	const routeFiles = staticClosure(report, chunkOfModule(report, route));
	addAll(staticClosure(report, chunkOfModule(report, early)), () => ({ early: true }));
	// What the route shares with the runtime is asked for on every line: the route needs it.
	// just-bash's start first: by far the largest file, it arrived last of all when asked for
	// behind its small helpers (HTTP/1.1 answers six at a time), and the runtime waits for it.
	const runtimeRoots = RUNTIME_ROOTS.map((pattern) => chunkOfModule(report, pattern)[0]);
	const [justBash] = chunkOfModule(report, JUST_BASH_ENTRY);
	const runtimeFiles = [...staticClosure(report, runtimeRoots)].sort(
		(a, b) => Number(b === justBash) - Number(a === justBash)
	);
	addAll(runtimeFiles, (file) => ({ fastLine: !routeFiles.has(file) }));
	addAll(routeFiles, () => ({}));
	return wanted;
}

/** sha256 of an inline script, as a CSP source expression (without the quotes). */
export function scriptHash(source) {
	return `sha256-${createHash('sha256').update(source).digest('base64')}`;
}

/**
 * Fills `html`'s placeholder with `preloads` ({ preload, start, route }) and swaps the script's
 * hash in the page's policy.
 * Throws when the page has no placeholder or its policy lacks the old hash: a page whose script
 * the policy refuses would open slower than before, silently.
 */
export function fillProjectPreloads(html, preloads) {
	const script = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].find((match) =>
		match[1].includes(PLACEHOLDER)
	);
	if (!script) throw new Error(`The built page has no script holding "${PLACEHOLDER}".`);
	const before = script[1];
	const after = before.replace(PLACEHOLDER, JSON.stringify(preloads));
	const oldHash = `'${scriptHash(before)}'`;
	if (!html.includes(oldHash)) {
		throw new Error(
			`The built page's script policy does not list ${oldHash} (src/app.html's preload script).`
		);
	}
	return html.replace(before, () => after).replace(oldHash, () => `'${scriptHash(after)}'`);
}

/** Reads the build's reports and rewrites `page` (build/index.html). Returns how many preloads. */
export async function writeProjectPreloads({
	page = 'build/index.html',
	report = '.svelte-kit/output/bundle-report.json',
	manifest = '.svelte-kit/output/client/.vite/manifest.json'
} = {}) {
	const html = await readFile(page, 'utf8');
	const already = [
		...html.matchAll(/<link href="\/([^"]+)" rel="(?:modulepreload|stylesheet)"/g)
	].map((match) => match[1]);
	const preloads = projectPreloads(
		JSON.parse(await readFile(report, 'utf8')),
		JSON.parse(await readFile(manifest, 'utf8')),
		already
	);
	await writeFile(page, fillProjectPreloads(html, preloads));
	return preloads.preload.length;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	const count = await writeProjectPreloads();
	console.log(`build/index.html asks for ${count} files at once on a project's address.`);
}
