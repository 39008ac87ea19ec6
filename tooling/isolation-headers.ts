import type { Plugin } from 'vite';

/**
 * The headers that make a page cross-origin isolated, which WebContainer needs.
 * `credentialless` (rather than `require-corp`) still lets previews load cross-origin
 * images and CDN scripts that send no CORP header.
 */
export const isolationHeaders: Readonly<Record<string, string>> = {
	'Cross-Origin-Opener-Policy': 'same-origin',
	'Cross-Origin-Embedder-Policy': 'credentialless',
	'Cross-Origin-Resource-Policy': 'same-origin'
};

/**
 * SvelteKit renders its HTML outside Vite's `server.headers`, so a middleware is the only
 * place that reaches every response (pages, modules, workers, 404s) in dev and preview.
 */
export function crossOriginIsolation(): Plugin {
	const middleware = (
		_req: unknown,
		res: { setHeader(name: string, value: string): void },
		next: () => void
	) => {
		for (const [name, value] of Object.entries(isolationHeaders)) res.setHeader(name, value);
		next();
	};
	return {
		name: 'kiln:cross-origin-isolation',
		configureServer(server) {
			server.middlewares.use(middleware);
		},
		configurePreviewServer(server) {
			server.middlewares.use(middleware);
		}
	};
}
