import { execFileSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { dirname } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import type { RegexSource } from '../src/lib/runtime/regexes-ahead';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const resolveFromRoot = createRequire(`${ROOT}package.json`).resolve;

/** A library whose module body parses regexes slow enough to make its evaluation a long task. */
export interface RegexesAhead {
	/** `import sources from '<module>'` gives the [pattern, flags] the library builds. */
	readonly module: string;
	/** What a Node process imports to see them built (a package specifier). */
	readonly capture: string;
	/** The library's module that builds them, as Vite names it (a real path). */
	readonly builder: string;
	/** Kiln's module that parses them ahead (it imports `module`); `builder` imports it first. */
	readonly ahead: string;
}

export const REGEXES_AHEAD: readonly RegexesAhead[] = [
	{
		// Its GFM emphasis rules (Unicode classes, `\p{P}\p{S}`): 62 of the 106 ms that evaluating
		// marked with DOMPurify blocked the page at 4x CPU (profiled).
		module: 'virtual:kiln-marked-regexes',
		capture: 'marked',
		builder: realpathSync(resolveFromRoot('marked')),
		ahead: realpathSync(`${ROOT}src/lib/components/chat/marked-regexes-ahead.ts`)
	},
	{
		// The o200k and cl100k split patterns (`\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}`…): gpt-tokenizer's
		// encoder evaluated in one task of ~50 ms at 4x CPU, in a person's first send (profiled).
		module: 'virtual:kiln-tokenizer-regexes',
		capture: 'gpt-tokenizer/GptEncoding',
		// The ES module build, the page's (require would name the CommonJS one).
		builder: realpathSync(
			`${dirname(resolveFromRoot('gpt-tokenizer/package.json'))}/esm/encodingParams/constants.js`
		),
		ahead: realpathSync(`${ROOT}src/lib/agent/context/tokenizer-regexes-ahead.ts`)
	}
];

/**
 * Imports `specifier` in a Node process of its own, with `RegExp` wrapped, and prints every
 * pattern and flags built meanwhile. Its own process: wrapping the build's RegExp would catch
 * Vite's and Rollup's as well. The pattern is kept as passed (`.source` escapes `/`, another key).
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
await import(process.argv[1]);
globalThis.RegExp = Native;
process.stdout.write(JSON.stringify([...seen.values()]));
`;

/** Every regex `specifier`'s modules build with `new RegExp` as they are evaluated. */
export function captureRegexes(specifier: string, root = ROOT): RegexSource[] {
	const output = execFileSync(process.execPath, ['--input-type=module', '-e', CAPTURE, specifier], {
		cwd: root,
		encoding: 'utf8'
	});
	return JSON.parse(output) as RegexSource[];
}

/** The builder's code, importing first the module that parses its regexes ahead. */
export function importAhead(code: string, ahead: string): string {
	// On the first line, so every line of the library's own source map still points where it did.
	return `import ${JSON.stringify(ahead)};${code}`;
}

/**
 * V8 keeps a regex it has parsed, keyed by pattern and flags: a later `new RegExp` of the same
 * pair reuses it. For each library of REGEXES_AHEAD, in the page's build, the module that builds
 * its regexes first imports Kiln's `ahead` module, which parses the same patterns a few per task
 * (a top-level await, runtime/regexes-ahead.ts), so the library's body finds them parsed instead
 * of parsing them all in one long task.
 * - `virtual:kiln-…-regexes`: what the installed library builds, taken at build time
 *   (captureRegexes), so an upgrade brings its own list.
 * - The import is added for the client only: Node (SSR, unit tests) runs the library as it is.
 */
export function regexesAhead(targets: readonly RegexesAhead[] = REGEXES_AHEAD): Plugin {
	const sources = new Map<string, RegexSource[]>();
	return {
		name: 'kiln:regexes-ahead',
		resolveId: (id) => (targets.some(({ module }) => module === id) ? `\0${id}` : undefined),
		load(id) {
			const target = targets.find(({ module }) => `\0${module}` === id);
			if (!target) return undefined;
			const captured = sources.get(id) ?? captureRegexes(target.capture);
			sources.set(id, captured);
			return `export default ${JSON.stringify(captured)};`;
		},
		transform(code, id) {
			const target = targets.find(({ builder }) => builder === id);
			if (!target || this.environment.config.consumer !== 'client') return undefined;
			return { code: importAhead(code, target.ahead), map: null };
		}
	};
}
