import { readFile } from 'node:fs/promises';
import type { Plugin } from 'vite';

const TAG = '?zod-mini';
/** The agent's tools' own copy (why: below). */
const TOOLS_TAG = '?zod-tools';
const TOOLS = /\/src\/lib\/tools\//;

const tagOf = (id: string | undefined) =>
	id?.endsWith(TAG) ? TAG : id?.endsWith(TOOLS_TAG) ? TOOLS_TAG : undefined;

/**
 * zod/mini exists so that the schemas a page checks at load (storage's records, the settings)
 * tree-shake to about 10 KB gzip. But Rollup keeps one copy of each module, and full zod
 * (sharing and opening a shared link, loaded on demand) is built on the same core files: the
 * shared core module would carry everything full zod uses into every page's first paint. This
 * gives `zod/mini`, and the locale installed with it, a copy of zod's files of their own in the
 * client build, tree-shaken for what they use. The cost is a second, smaller copy of zod's core
 * in the lazy chunks that use full zod. Dev and the tests (Node) import zod as it is.
 *
 * The agent's tools (src/lib/tools) use zod/mini too, with a third copy: shared with storage's,
 * what only the tools use (defaults, trimming, strict objects) would have been built into every
 * page's first scripts, past the shell's budget. Theirs is tree-shaken for the tools, and loads
 * with them on first send (full zod there was that send's longest script).
 */
export function zodMiniCopy(): Plugin {
	return {
		name: 'kiln:zod-mini-copy',
		apply: 'build',
		enforce: 'pre',
		applyToEnvironment: (environment) => environment.config.consumer === 'client',
		async resolveId(source, importer, options) {
			const inCopy = tagOf(importer);
			const entry = source === 'zod/mini' || source.startsWith('zod/v4/locales/');
			if (!entry && !(inCopy && source.startsWith('.'))) return null;
			const from = inCopy && importer ? importer.slice(0, -inCopy.length) : importer;
			const resolved = await this.resolve(source, from, { ...options, skipSelf: true });
			if (!resolved || resolved.external) return resolved;
			const tag = inCopy ?? (importer && TOOLS.test(importer) ? TOOLS_TAG : TAG);
			// Keeps what the resolver found (zod's sideEffects: false), so tree-shaking still applies.
			return { ...resolved, id: `${resolved.id}${tag}` };
		},
		load(id) {
			const tag = tagOf(id);
			return tag ? readFile(id.slice(0, -tag.length), 'utf8') : null;
		}
	};
}
