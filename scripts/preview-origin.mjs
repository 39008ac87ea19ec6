// The preview origin: a second site that holds nothing of the person's and serves only what a
// preview needs, its bootstrap page (/__kiln/host.html), that page's script and the preview
// service worker. Project pages under /preview/<id>/ are served by that worker, never by this
// server. Used by the production server (serve.mjs), the dev server (tooling/preview-origin.ts)
// and the build (build-preview-origin.mjs), which writes the same files for static hosts.
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const source = (path) => fileURLToPath(new URL(`../src/preview-origin/${path}`, import.meta.url));

/**
 * Headers on everything the origin serves: the IDE is cross-origin isolated, so a frame it embeds
 * must send a COEP of its own and a CORP that lets another origin embed it.
 */
export const previewOriginHeaders = {
	'Cross-Origin-Opener-Policy': 'same-origin',
	'Cross-Origin-Embedder-Policy': 'credentialless',
	'Cross-Origin-Resource-Policy': 'cross-origin',
	'X-Content-Type-Options': 'nosniff'
};

const HOST_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Kiln preview host</title>
<script src="/__kiln/host.js"></script>
</head>
<body></body>
</html>
`;

const NOT_FOUND_HTML = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Nothing here</title></head>
<body style="font-family: system-ui, sans-serif; margin: 2rem">
<h1 style="font-size: 1.25rem">Nothing here</h1>
<p>This is Kiln's preview origin. A project's preview shows here while the project is open in Kiln:
open it there, then use the Preview pane's "Open in new tab".</p>
</body>
</html>
`;

/** The origin's files, path → { body, type }; config.json is answered per request. */
export async function bundlePreviewOrigin({ minify = true } = {}) {
	const result = await build({
		entryPoints: {
			host: source('host.ts'),
			sw: source('service-worker.ts'),
			bridge: source('bridge.ts'),
			// Loaded by the bridge only when the IDE asks: never part of a page's first bytes.
			screenshot: source('screenshot.ts'),
			snapshot: source('snapshot.ts')
		},
		bundle: true,
		write: false,
		format: 'iife',
		target: 'es2022',
		minify,
		outdir: 'out',
		logLevel: 'silent'
	});
	const output = (name) => result.outputFiles.find((file) => file.path.endsWith(`/${name}.js`));
	const js = 'text/javascript; charset=utf-8';
	return new Map([
		['/__kiln/host.html', { body: HOST_HTML, type: 'text/html; charset=utf-8' }],
		['/__kiln/host.js', { body: output('host').text, type: js }],
		['/__kiln/bridge.js', { body: output('bridge').text, type: js }],
		['/__kiln/screenshot.js', { body: output('screenshot').text, type: js }],
		['/__kiln/snapshot.js', { body: output('snapshot').text, type: js }],
		['/__kiln-sw.js', { body: output('sw').text, type: js }]
	]);
}

/** The IDE origin a request to the preview origin pairs with: same host name, the IDE's port. */
export function ideOriginFor(req, idePort) {
	if (process.env.KILN_IDE_ORIGIN) return process.env.KILN_IDE_ORIGIN;
	// WHATWG hostnames keep IPv6 brackets, so `[::1]` comes back ready to use.
	const host = new URL(`http://${req.headers.host ?? 'localhost'}`).hostname;
	return `http://${host}:${idePort}`;
}

/**
 * A request handler for the preview origin. `files()` gives the bundle (built once in
 * production, on every request in dev so edits show); `ideOrigin(req)` is the one IDE origin
 * whose tabs the host page may serve.
 */
export function createPreviewOriginHandler({ files, ideOrigin }) {
	return async (req, res) => {
		for (const [name, value] of Object.entries(previewOriginHeaders)) res.setHeader(name, value);
		const { pathname } = new URL(req.url ?? '/', 'http://x');
		if (req.method !== 'GET' && req.method !== 'HEAD') {
			res.statusCode = 405;
			return res.end();
		}
		if (pathname === '/__kiln/config.json') {
			res.setHeader('Content-Type', 'application/json');
			res.setHeader('Cache-Control', 'no-store');
			return res.end(JSON.stringify({ ideOrigins: [ideOrigin(req)] }));
		}
		let file;
		try {
			file = (await files()).get(pathname);
		} catch (error) {
			res.statusCode = 500;
			res.setHeader('Content-Type', 'text/plain; charset=utf-8');
			return res.end(`The preview origin's scripts failed to build: ${error.message}`);
		}
		if (!file) {
			res.statusCode = 404;
			res.setHeader('Content-Type', 'text/html; charset=utf-8');
			return res.end(NOT_FOUND_HTML);
		}
		res.setHeader('Content-Type', file.type);
		// The worker and its host must never be served stale, or previews keep old logic.
		res.setHeader('Cache-Control', 'no-cache');
		res.end(req.method === 'HEAD' ? undefined : file.body);
	};
}

export function listen(server, port, host, what) {
	return new Promise((resolve, reject) => {
		server.once('error', (error) => {
			if (error.code === 'EADDRINUSE') {
				reject(
					new Error(
						`Port ${port} (${what}) is in use. Stop the other server or choose another port (PORT, PREVIEW_PORT).`
					)
				);
			} else reject(error);
		});
		server.listen(port, host, () => resolve(server));
	});
}

export function startPreviewOriginServer({ port, host, idePort, files }) {
	const handler = createPreviewOriginHandler({
		files,
		ideOrigin: (req) => ideOriginFor(req, idePort)
	});
	return listen(createServer(handler), port, host, 'the preview origin');
}
