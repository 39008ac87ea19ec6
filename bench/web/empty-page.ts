/**
 * An empty HTML page on a local server of its own: the floor any page's load stands on, the
 * reference of the opening measures (runtime.ts, bare-open.ts).
 */
import { createServer, type Server } from 'node:http';

export async function serveEmptyPage(): Promise<{ url: string; close(): Promise<void> }> {
	const server: Server = createServer((_, response) => {
		response.writeHead(200, {
			'content-type': 'text/html; charset=utf-8',
			'cache-control': 'no-cache',
			'cross-origin-opener-policy': 'same-origin',
			'cross-origin-embedder-policy': 'require-corp'
		});
		response.end(
			'<!doctype html><html><head><meta charset="utf-8"><title>Blank</title></head><body></body></html>'
		);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : 0;
	return {
		url: `http://127.0.0.1:${port}/`,
		close: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
}
