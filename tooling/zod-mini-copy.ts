import { readFile } from 'node:fs/promises';
import type { Plugin } from 'vite';

const TAG = '?zod-mini';

/**
 * zod/mini exists so that the schemas a page checks at load (storage's records, the settings)
 * tree-shake to about 10 KB gzip. But Rollup keeps one copy of each module, and full zod (the
 * agent's tools, loaded on first send) is built on the same core files: the shared core module
 * would carry everything full zod uses into every page's first paint. This gives `zod/mini`, and
 * the locale storage installs with it, a copy of zod's files of their own in the client build,
 * tree-shaken for what they use. The cost is a second, smaller copy of zod's core in the lazy
 * chunks that use full zod. Dev and the tests (Node) import zod as it is.
 */
export function zodMiniCopy(): Plugin {
	return {
		name: 'kiln:zod-mini-copy',
		apply: 'build',
		enforce: 'pre',
		applyToEnvironment: (environment) => environment.config.consumer === 'client',
		async resolveId(source, importer, options) {
			const inCopy = importer?.endsWith(TAG) ?? false;
			const entry = source === 'zod/mini' || source.startsWith('zod/v4/locales/');
			if (!entry && !(inCopy && source.startsWith('.'))) return null;
			const from = inCopy && importer ? importer.slice(0, -TAG.length) : importer;
			const resolved = await this.resolve(source, from, { ...options, skipSelf: true });
			if (!resolved || resolved.external) return resolved;
			// Keeps what the resolver found (zod's sideEffects: false), so tree-shaking still applies.
			return { ...resolved, id: `${resolved.id}${TAG}` };
		},
		load(id) {
			return id.endsWith(TAG) ? readFile(id.slice(0, -TAG.length), 'utf8') : null;
		}
	};
}
