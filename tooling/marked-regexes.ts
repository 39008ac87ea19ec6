import { execFileSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

const MODULE = 'virtual:kiln-marked-regexes';
const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** marked's module as Vite names it: a real path (node_modules may be a link in a worktree). */
const MARKED = realpathSync(createRequire(`${ROOT}package.json`).resolve('marked'));
/** The module that parses them ahead; marked's module imports it (in the page's build). */
const AHEAD = realpathSync(`${ROOT}src/lib/components/chat/marked-regexes-ahead.ts`);

/** [pattern, flags] as marked passes them to `new RegExp`: V8's regexp cache is keyed by both. */
export type RegexSource = readonly [pattern: string, flags: string];

/**
 * Imports marked in a Node process of its own, with `RegExp` wrapped, and prints every pattern
 * and flags its module body builds. Its own process: wrapping the build's RegExp would catch
 * Vite's and Rollup's as well.
 */
const CAPTURE = `
const seen = new Map();
const Native = RegExp;
const note = (args) => {
	const [pattern, flags] = args;
	const text = typeof pattern === 'string' ? pattern : pattern.source;
	const given = flags ?? (typeof pattern === 'string' ? '' : pattern.flags);
	seen.set(given + '/' + text, [text, given]);
};
globalThis.RegExp = new Proxy(Native, {
	construct(target, args, newTarget) { note(args); return Reflect.construct(target, args, newTarget); },
	apply(target, self, args) { note(args); return Reflect.apply(target, self, args); }
});
await import('marked');
globalThis.RegExp = Native;
process.stdout.write(JSON.stringify([...seen.values()]));
`;

/** Every regex marked's module body builds with `new RegExp`, as this install of marked does. */
export function captureMarkedRegexes(root = ROOT): RegexSource[] {
	const output = execFileSync(process.execPath, ['--input-type=module', '-e', CAPTURE], {
		cwd: root,
		encoding: 'utf8'
	});
	return JSON.parse(output) as RegexSource[];
}

/** marked's module, importing first the module that parses its regexes ahead. */
export function importAheadOfMarked(code: string): string {
	// On the first line, so every line of marked's own source map still points where it did.
	return `import ${JSON.stringify(AHEAD)};${code}`;
}

/**
 * Evaluating marked was one task of ~100 ms at 4x CPU (profiled, with DOMPurify), 62 of it
 * `new RegExp` parsing its GFM emphasis rules (Unicode classes, `\p{P}\p{S}`). V8 keeps a regex
 * it has parsed, keyed by pattern and flags, so in the page's build marked first imports
 * marked-regexes-ahead.ts, which parses the same patterns a few per task (a top-level await)
 * before marked's body runs and finds them parsed.
 * - `import sources from 'virtual:kiln-marked-regexes'`: what marked builds, taken from the
 *   installed marked at build time (captureMarkedRegexes), so an upgrade brings its own list.
 * - The import is added for the client only: Node (SSR, unit tests) evaluates marked as it is.
 */
export function markedRegexes(): Plugin {
	let sources: RegexSource[] | undefined;
	return {
		name: 'kiln:marked-regexes',
		resolveId: (id) => (id === MODULE ? `\0${MODULE}` : undefined),
		load(id) {
			if (id !== `\0${MODULE}`) return undefined;
			sources ??= captureMarkedRegexes();
			return `export default ${JSON.stringify(sources)};`;
		},
		transform(code, id) {
			if (id !== MARKED || this.environment.config.consumer !== 'client') return undefined;
			return { code: importAheadOfMarked(code), map: null };
		}
	};
}
