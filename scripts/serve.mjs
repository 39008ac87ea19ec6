#!/usr/bin/env node
// Serves the built app (build/) with the headers that make it cross-origin isolated.
// `vite preview` would serve .svelte-kit/output instead, and static hosts need their own header
// files (build/_headers, vercel.json): this is the production server for `npm start` and the tests.
import { createServer } from 'node:http';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import sirv from 'sirv';

const root = fileURLToPath(new URL('../build', import.meta.url));
const isolation = {
	'Cross-Origin-Opener-Policy': 'same-origin',
	'Cross-Origin-Embedder-Policy': 'credentialless',
	'Cross-Origin-Resource-Policy': 'same-origin'
};

export function startServer({
	port = Number(process.env.PORT) || 4173,
	host = process.env.HOST || 'localhost'
} = {}) {
	if (!existsSync(root)) {
		throw new Error(
			`No build found at ${root}. Run "npm run build" first (npm start does it for you).`
		);
	}
	const assets = sirv(root, {
		single: 'index.html',
		dev: false,
		etag: true,
		setHeaders(res, pathname) {
			// The service worker must never be served stale, or previews keep old logic.
			if (pathname === '/service-worker.js') res.setHeader('Cache-Control', 'no-cache');
		}
	});
	const server = createServer((req, res) => {
		for (const [name, value] of Object.entries(isolation)) res.setHeader(name, value);
		assets(req, res, () => {
			res.statusCode = 404;
			res.end('Not found');
		});
	});
	return new Promise((resolve, reject) => {
		server.once('error', (error) => {
			if (error.code === 'EADDRINUSE') {
				reject(
					new Error(
						`Port ${port} is in use. Stop the other server or run with PORT=<another port>.`
					)
				);
			} else reject(error);
		});
		server.listen(port, host, () => resolve(server));
	});
}

if (import.meta.url === `file://${process.argv[1]}`) {
	startServer()
		.then((server) => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : '';
			console.log(`Kiln is running at http://localhost:${port}`);
		})
		.catch((error) => {
			console.error(error.message);
			process.exit(1);
		});
}
