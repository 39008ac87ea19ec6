import { readFile } from 'node:fs/promises';
import type { Plugin } from 'vite';

/** The copy every other importer shares (storage's records, the settings). */
const TAG = '?zod-mini';
/** Copies of their own, by the folder of the importing code (why: below). */
const OWN_COPIES: readonly [folder: RegExp, tag: string][] = [
	[/\/src\/lib\/tools\//, '?zod-tools'],
	[/\/src\/lib\/share\//, '?zod-share']
];
const TAGS = [TAG, ...OWN_COPIES.map(([, tag]) => tag)];

const tagOf = (id: string | undefined) => TAGS.find((tag) => id?.endsWith(tag));
const copyFor = (importer: string | undefined) =>
	OWN_COPIES.find(([folder]) => importer !== undefined && folder.test(importer))?.[1] ?? TAG;

/**
 * Kiln's code uses zod/mini only, whose schemas tree-shake to what they use. But Rollup keeps one
 * copy of each module, and zod's core is a few large modules: every schema kind anyone uses
 * would be built into the chunk of the first code that needs core, storage's, which every page
 * loads first. So each user gets a copy of zod's files of its own in the client build, tree-shaken
 * for what it uses:
 * - storage and the rest of the shell (records, settings), on every page's load path;
 * - the agent's tools (defaults, trimming, strict objects, JSON Schema), loaded on first send;
 * - sharing (tuples, literals, loose objects), loaded when a link is made or opened.
 * Each copy holds only the parts of zod its user needs; the price is the small part of core every
 * schema needs, downloaded once per copy. Before, the tools and sharing used full zod, a second and
 * larger copy (the first send's longest script at 4× CPU slowdown). Each copy needs zod's English
 * messages installed in it (a zod-messages.ts beside each user). Dev and the tests (Node) import
 * zod as it is.
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
			const tag = inCopy ?? copyFor(importer);
			// Keeps what the resolver found (zod's sideEffects: false), so tree-shaking still applies.
			return { ...resolved, id: `${resolved.id}${tag}` };
		},
		load(id) {
			const tag = tagOf(id);
			return tag ? readFile(id.slice(0, -tag.length), 'utf8') : null;
		}
	};
}
