import { extensionOf } from './outline/extension';

/** Script and component files: what the map calls source code (relevance.ts ranks by it too). */
export const SCRIPT_EXTENSIONS: ReadonlySet<string> = new Set([
	'ts',
	'tsx',
	'mts',
	'cts',
	'js',
	'jsx',
	'mjs',
	'cjs',
	'svelte',
	'vue'
]);

/** Files whose imports are scanned: scripts, components, stylesheets and pages. */
const SCANNED = new Set([...SCRIPT_EXTENSIONS, 'css', 'html', 'htm']);

/**
 * import/export…from, import(), require(), CSS @import, and HTML src/href. A regular expression
 * rather than a parse: every source file is scanned, and this is ten times faster than Lezer.
 */
const SPECIFIER =
	/(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*|@import\s+(?:url\(\s*)?)["']([^"'\n]+)["']|\b(?:src|href)\s*=\s*["']([^"'\n]+)["']/g;

const RESOLVE_EXTENSIONS = [
	'',
	'.ts',
	'.tsx',
	'.js',
	'.jsx',
	'.mjs',
	'.cjs',
	'.mts',
	'.svelte',
	'.vue',
	'.css',
	'.json'
];

/** Common path aliases (SvelteKit's $lib, Vite's @ and ~): mapped to where they usually point. */
const ALIASES: readonly [string, string][] = [
	['$lib/', 'src/lib/'],
	['@/', 'src/'],
	['~/', 'src/']
];

export function isScanned(path: string): boolean {
	return SCANNED.has(extensionOf(path));
}

/** The project files a file refers to, resolved against the set of known files. */
export function referencedFiles(path: string, text: string, files: ReadonlySet<string>): string[] {
	const found = new Set<string>();
	for (const match of text.matchAll(SPECIFIER)) {
		const specifier = match[1] ?? match[2];
		if (!specifier) continue;
		const target = resolveReference(path, specifier, files);
		if (target !== undefined && target !== path) found.add(target);
	}
	return [...found];
}

/**
 * A specifier as a project file: relative (`./a`, `../b.js`), root-relative (`/src/main.ts`, as
 * in index.html) or aliased; packages and URLs resolve to nothing.
 */
export function resolveReference(
	from: string,
	specifier: string,
	files: ReadonlySet<string>
): string | undefined {
	const clean = specifier.split(/[?#]/)[0] ?? '';
	let base: string;
	if (clean.startsWith('./') || clean.startsWith('../')) {
		base = joinPath(from.includes('/') ? from.slice(0, from.lastIndexOf('/')) : '', clean);
	} else if (clean.startsWith('/') && !clean.startsWith('//')) {
		base = joinPath('', clean.slice(1));
	} else {
		const alias = ALIASES.find(([prefix]) => clean.startsWith(prefix));
		if (!alias) return undefined;
		base = joinPath('', alias[1] + clean.slice(alias[0].length));
	}
	return resolveFile(base, files);
}

/** Tries the path as is, with the usual extensions, as a folder index, and `.js` → `.ts`. */
export function resolveFile(base: string, files: ReadonlySet<string>): string | undefined {
	for (const extension of RESOLVE_EXTENSIONS) {
		if (files.has(base + extension)) return base + extension;
	}
	for (const extension of RESOLVE_EXTENSIONS.slice(1)) {
		const index = `${base}/index${extension}`;
		if (files.has(index)) return index;
	}
	const script = /\.(m|c)?js$/.exec(base);
	if (script) {
		const stem = base.slice(0, script.index);
		for (const extension of ['.ts', '.tsx', `.${script[1] ?? ''}ts`]) {
			if (files.has(stem + extension)) return stem + extension;
		}
	}
	return undefined;
}

/** Joins and normalises a project-relative path; '' when it climbs above the root. */
export function joinPath(dir: string, relative: string): string {
	const parts = dir === '' ? [] : dir.split('/');
	for (const part of relative.split('/')) {
		if (part === '' || part === '.') continue;
		if (part === '..') parts.pop();
		else parts.push(part);
	}
	return parts.join('/');
}
