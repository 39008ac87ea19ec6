/**
 * Builds the bench page with Vite (on the fly, so a fresh checkout needs nothing but `npm ci`)
 * and serves it with the app's cross-origin isolation headers, as Kiln is served.
 */
import { createServer, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import sirv from 'sirv';
import { build } from 'vite';
import { isolationHeaders } from '../../tooling/isolation-headers';
import { zlibShim } from '../../tooling/zlib-shim';

const pageRoot = fileURLToPath(new URL('./page/', import.meta.url));
const srcLib = fileURLToPath(new URL('../../src/lib', import.meta.url));
/** Under node_modules: ignored by git, lint and format, and gone with a fresh `npm ci`. */
export const PAGE_OUT_DIR = fileURLToPath(
	new URL('../../node_modules/.cache/kiln-bench-storage-page/', import.meta.url)
);

export async function buildPage(outDir = PAGE_OUT_DIR): Promise<void> {
	await build({
		configFile: false,
		root: pageRoot,
		base: './',
		logLevel: 'warn',
		resolve: { alias: { $lib: srcLib } },
		// The workspace row runs the browser runtime (just-bash), whose bundle imports node:zlib.
		plugins: [zlibShim()],
		worker: { format: 'es' },
		build: {
			outDir,
			emptyOutDir: true,
			target: 'es2022',
			chunkSizeWarningLimit: 4_096,
			rollupOptions: {
				// zod's comments that Rollup cannot place: noise, not a problem with the page.
				onwarn(warning, warn) {
					if (warning.code !== 'INVALID_ANNOTATION') warn(warning);
				}
			}
		}
	});
}

export interface PageServer {
	readonly url: string;
	close(): Promise<void>;
}

export function servePage(port: number, dir = PAGE_OUT_DIR): Promise<PageServer> {
	const files = sirv(dir, { dev: false, etag: false });
	const server: Server = createServer((req, res) => {
		for (const [name, value] of Object.entries(isolationHeaders)) res.setHeader(name, value);
		files(req, res, () => {
			res.statusCode = 404;
			res.end('Not found');
		});
	});
	return new Promise((resolve, reject) => {
		server.once('error', (error: NodeJS.ErrnoException) =>
			reject(
				error.code === 'EADDRINUSE'
					? new Error(`Port ${port} is in use. Pass another with --port (or KILN_BENCH_PORT).`)
					: error
			)
		);
		server.listen(port, '127.0.0.1', () =>
			resolve({
				url: `http://127.0.0.1:${port}/`,
				close: () => new Promise<void>((done) => server.close(() => done()))
			})
		);
	});
}
