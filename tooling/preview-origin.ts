import type { Plugin, ViteDevServer } from 'vite';
// Plain .mjs modules shared with the production server, so dev and `npm start` cannot drift.
import { ideContentSecurityPolicy } from '../scripts/csp.mjs';
import { bundlePreviewOrigin, startPreviewOriginServer } from '../scripts/preview-origin.mjs';

type Middleware = (
	req: { url?: string; headers: { host?: string } },
	res: {
		setHeader(name: string, value: string): void;
		end(body?: string): void;
	},
	next: () => void
) => void;

const BRIDGE_MODULE = 'virtual:kiln-preview-bridge';

/**
 * `import bridge from 'virtual:kiln-preview-bridge'`: the preview bridge's built text, which the
 * IDE hands WebContainer to inject into dev-server pages (the same bundle the preview origin
 * serves as /__kiln/bridge.js, built by the same function).
 */
export function previewBridgeSource(): Plugin {
	return {
		name: 'kiln:preview-bridge-source',
		resolveId: (id) => (id === BRIDGE_MODULE ? `\0${BRIDGE_MODULE}` : undefined),
		async load(id) {
			if (id !== `\0${BRIDGE_MODULE}`) return undefined;
			const bridge = (await bundlePreviewOrigin()).get('/__kiln/bridge.js');
			if (!bridge) throw new Error('The preview origin bundle has no /__kiln/bridge.js.');
			return `export default ${JSON.stringify(bridge.body)};`;
		}
	};
}

/**
 * `vite dev` serves the preview origin too, on PREVIEW_PORT (default: the dev server's port + 1),
 * bundling its scripts on every request so edits show on reload; and gives the IDE its
 * Content-Security-Policy and /kiln-config.json, as scripts/serve.mjs does in production.
 */
export function previewOrigin(): Plugin {
	let previewPort = Number(process.env.PREVIEW_PORT) || 0;
	const originFor = (host: string | undefined) => {
		if (process.env.KILN_PREVIEW_ORIGIN) return new URL(process.env.KILN_PREVIEW_ORIGIN).origin;
		return `http://${new URL(`http://${host ?? 'localhost'}`).hostname}:${previewPort}`;
	};
	const middleware: Middleware = (req, res, next) => {
		const origin = originFor(req.headers.host);
		res.setHeader(
			'Content-Security-Policy',
			ideContentSecurityPolicy({ previewOrigin: origin, dev: true })
		);
		if (req.url?.split('?')[0] === '/kiln-config.json') {
			res.setHeader('Content-Type', 'application/json');
			res.setHeader('Cache-Control', 'no-store');
			return res.end(JSON.stringify({ previewOrigin: origin }));
		}
		next();
	};
	const start = (server: ViteDevServer) => {
		server.httpServer?.once('listening', () => {
			const address = server.httpServer?.address();
			const port = typeof address === 'object' && address ? address.port : 5173;
			previewPort ||= port + 1;
			startPreviewOriginServer({
				port: previewPort,
				host: typeof address === 'object' && address ? address.address : 'localhost',
				idePort: port,
				files: () => bundlePreviewOrigin({ minify: false })
			}).then(
				(preview) => {
					server.config.logger.info(`  Previews are served from http://localhost:${previewPort}`);
					server.httpServer?.once('close', () => preview.close());
				},
				(error: Error) => server.config.logger.error(error.message)
			);
		});
	};
	return {
		name: 'kiln:preview-origin',
		configureServer(server) {
			server.middlewares.use(middleware);
			start(server);
		}
	};
}
