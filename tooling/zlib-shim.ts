import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

const shimPath = fileURLToPath(new URL('../src/lib/runtime/browser/zlib-shim.ts', import.meta.url));
const zlibIds = new Set(['zlib', 'node:zlib']);

/**
 * just-bash imports `node:zlib` for gzip (both its builds); in the browser we answer that
 * import with a small fflate-backed module. Only the client build needs it: SSR and Node keep
 * the real zlib.
 */
export function zlibShim(): Plugin {
	return {
		name: 'kiln:zlib-shim',
		enforce: 'pre',
		applyToEnvironment: (environment) => environment.config.consumer === 'client',
		resolveId(id) {
			return zlibIds.has(id) ? shimPath : undefined;
		}
	};
}

/** The same mapping for dependency pre-bundling in dev, which ignores Vite plugins' resolveId. */
export const zlibShimEsbuild = {
	name: 'kiln:zlib-shim',
	setup(build: {
		onResolve(
			options: { filter: RegExp },
			callback: (args: { path: string }) => { path: string }
		): void;
	}) {
		build.onResolve({ filter: /^(node:)?zlib$/ }, () => ({ path: shimPath }));
	}
};
