import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Plugin } from 'vite';

/** One module's share of a chunk, as Rollup rendered it (after tree-shaking, before minifying). */
export interface ReportedModule {
	id: string;
	/** The npm package the module comes from (`@scope/name`), or `app` for our own source. */
	owner: string;
	renderedLength: number;
}

export interface ReportedChunk {
	fileName: string;
	isEntry: boolean;
	isDynamicEntry: boolean;
	imports: string[];
	dynamicImports: string[];
	modules: ReportedModule[];
}

/** Where the client build's chunk report goes: read by `npm run bench:web` and the bundle tests. */
export const BUNDLE_REPORT_PATH = '.svelte-kit/output/bundle-report.json';

// One walk of the chunk graph for the build's scripts and the benches alike.
export { staticClosure } from '../scripts/project-preloads.mjs';

/** The package a module id belongs to: the path segment(s) after the last `node_modules/`. */
export function ownerOf(id: string): string {
	const clean = id.replace(/^\0/, '').split('?')[0] ?? id;
	const at = clean.lastIndexOf('node_modules/');
	if (at < 0) return 'app';
	const parts = clean.slice(at + 'node_modules/'.length).split('/');
	return parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1]}` : (parts[0] ?? 'app');
}

/**
 * Writes which modules (and so which packages) went into every chunk of the client build. The
 * manifest Vite writes names chunks and their imports but not what is inside them, and "what
 * made the IDE route heavy" is the question a size budget needs answered.
 */
export function bundleReport(path = BUNDLE_REPORT_PATH): Plugin {
	return {
		name: 'kiln:bundle-report',
		apply: 'build',
		applyToEnvironment: (environment) => environment.config.consumer === 'client',
		generateBundle(_options, bundle) {
			const chunks: ReportedChunk[] = [];
			for (const output of Object.values(bundle)) {
				if (output.type !== 'chunk') continue;
				chunks.push({
					fileName: output.fileName,
					isEntry: output.isEntry,
					isDynamicEntry: output.isDynamicEntry,
					imports: output.imports,
					dynamicImports: output.dynamicImports,
					modules: Object.entries(output.modules)
						.map(([id, info]) => ({ id, owner: ownerOf(id), renderedLength: info.renderedLength }))
						// What the build shook out is left out, but not a module imported dynamically
						// that only re-exports: its chunk (which answers the import) is found by its name.
						.filter(
							(module) =>
								module.renderedLength > 0 ||
								(this.getModuleInfo(module.id)?.dynamicImporters.length ?? 0) > 0
						)
				});
			}
			mkdirSync(dirname(path), { recursive: true });
			writeFileSync(path, JSON.stringify(chunks));
		}
	};
}
