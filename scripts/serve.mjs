#!/usr/bin/env node
// Serves the built app (build/) with the headers that make it cross-origin isolated and its
// Content-Security-Policy on PORT, and the preview origin (scripts/preview-origin.mjs) on
// PREVIEW_PORT (default PORT + 1): project pages run there, never on the IDE's origin.
// `vite preview` would serve .svelte-kit/output instead, and static hosts need their own header
// files (build/_headers, vercel.json): this is the production server for `npm start` and the tests.
import { createServer } from 'node:http';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import sirv from 'sirv';
import { ideContentSecurityPolicy } from './csp.mjs';
import { answerFromMemory, loadImmutableAssets } from './immutable-assets.mjs';
import { bundlePreviewOrigin, listen, startPreviewOriginServer } from './preview-origin.mjs';

const buildDir = fileURLToPath(new URL('../build', import.meta.url));
const isolation = {
	'Cross-Origin-Opener-Policy': 'same-origin',
	'Cross-Origin-Embedder-Policy': 'credentialless',
	'Cross-Origin-Resource-Policy': 'same-origin'
};

/**
 * How long a response may be kept. Files under /_app/immutable/ have a content hash in their
 * name, so they never change: a year, without revalidating. Everything else (index.html, the
 * routes that fall back to it, the icon) says no-cache, so a deploy is seen at the next load.
 */
export function cacheControlFor(pathname) {
	return pathname.startsWith('/_app/immutable/')
		? 'public, max-age=31536000, immutable'
		: 'no-cache';
}

/** The preview origin paired with a request to the IDE: same host name, PREVIEW_PORT. */
export function previewOriginFor(req, previewPort) {
	if (process.env.KILN_PREVIEW_ORIGIN) return new URL(process.env.KILN_PREVIEW_ORIGIN).origin;
	const host = new URL(`http://${req.headers.host ?? 'localhost'}`).hostname;
	return `http://${host}:${previewPort}`;
}

export async function startServer({
	port = Number(process.env.PORT) || 4173,
	previewPort = Number(process.env.PREVIEW_PORT) || port + 1,
	host = process.env.HOST || 'localhost',
	root = buildDir
} = {}) {
	if (!existsSync(root)) {
		throw new Error(
			`No build found at ${root}. Run "npm run build" first (npm start does it for you).`
		);
	}
	let bundle;
	try {
		bundle = await bundlePreviewOrigin();
	} catch (error) {
		throw new Error(
			`The preview origin's scripts (src/preview-origin) failed to build: ${error.message}`
		);
	}
	const preview = await startPreviewOriginServer({
		port: previewPort,
		host,
		idePort: port,
		files: async () => bundle
	});
	const immutable = await loadImmutableAssets(root);
	const assets = sirv(root, {
		single: 'index.html',
		dev: false,
		etag: true,
		// The .br and .gz copies scripts/precompress.mjs wrote at build time, when the browser
		// accepts them (sirv adds Content-Encoding and Vary).
		brotli: true,
		gzip: true,
		setHeaders: (res, pathname) => res.setHeader('Cache-Control', cacheControlFor(pathname))
	});
	const server = createServer((req, res) => {
		for (const [name, value] of Object.entries(isolation)) res.setHeader(name, value);
		const previewOrigin = previewOriginFor(req, previewPort);
		res.setHeader('Content-Security-Policy', ideContentSecurityPolicy({ previewOrigin }));
		const pathname = new URL(req.url ?? '/', 'http://x').pathname;
		if (pathname === '/kiln-config.json') {
			res.setHeader('Content-Type', 'application/json');
			res.setHeader('Cache-Control', 'no-store');
			return res.end(JSON.stringify({ previewOrigin }));
		}
		if (answerFromMemory(immutable, req, res, cacheControlFor(pathname))) return;
		assets(req, res, () => {
			res.statusCode = 404;
			res.end('Not found');
		});
	});
	server.once('close', () => preview.close());
	try {
		await listen(server, port, host, 'Kiln');
	} catch (error) {
		preview.close();
		throw error;
	}
	server.previewPort = previewPort;
	return server;
}

if (import.meta.url === `file://${process.argv[1]}`) {
	startServer()
		.then((server) => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : '';
			console.log(`Kiln is running at http://localhost:${port}`);
			console.log(`Previews are served from http://localhost:${server.previewPort}`);
		})
		.catch((error) => {
			console.error(error.message);
			process.exit(1);
		});
}
