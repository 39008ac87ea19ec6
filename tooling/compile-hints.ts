import MagicString, { type SourceMap } from 'magic-string';
import type { Plugin } from 'vite';
import { ownerOf } from './bundle-report';

/**
 * V8's explicit compile hint (Chromium 136+): a script whose first line is this comment has every
 * function compiled as the script is compiled, on V8's background threads while it streams in,
 * instead of each one on the main thread the first time it is called. Other engines ignore it.
 */
export const COMPILE_HINT = '//# allFunctionsCalledOnLoad';

/**
 * Packages whose code runs nearly all at once when first used, in a task a person waits on.
 * xterm: building and opening a terminal calls ~180 of its functions for the first time; compiled
 * lazily that was ~18 ms of main thread inside `open()` at 4x CPU (traced), and new + open went
 * from ~27 + ~60 ms to ~17 + ~40 ms with the hint (~6 + ~15 to ~3 + ~12 ms unthrottled).
 * Not the route's chunks nor just-bash: most of their functions never run on a page load, and
 * compiling them all anyway cost more than it saved (runtime ready, cold: 256 → 291 ms).
 */
export const HINTED_PACKAGES: readonly string[] = ['@xterm/xterm'];

/**
 * Puts the hint on the first line of each chunk holding one of `packages`: the last of the chunk
 * renderers (`order: 'post'`), after the minifier (which would drop the comment), and before
 * Rollup names the chunk by its content, so a changed hint is a changed file name.
 */
export function compileHints(packages: readonly string[] = HINTED_PACKAGES): Plugin {
	return {
		name: 'kiln:compile-hints',
		apply: 'build',
		applyToEnvironment: (environment) => environment.config.consumer === 'client',
		renderChunk: {
			order: 'post',
			handler: (code, chunk) => hintChunk(code, chunk.moduleIds, packages)
		}
	};
}

/** The hinted chunk and its source map, or null to leave it as it is; exported for its test. */
export function hintChunk(
	code: string,
	moduleIds: readonly string[],
	packages: readonly string[]
): { code: string; map: SourceMap } | null {
	if (code.startsWith(COMPILE_HINT)) return null;
	if (!moduleIds.some((id) => packages.includes(ownerOf(id)))) return null;
	const hinted = new MagicString(code).prepend(`${COMPILE_HINT}\n`);
	return { code: hinted.toString(), map: hinted.generateMap({ hires: 'boundary' }) };
}
