import type { IncomingMessage, ServerResponse } from 'node:http';

// The app calls this server straight from a page on another origin, so every answer carries CORS
// headers. Requested headers are echoed rather than answered with `*`, which browsers refuse to
// apply to Authorization.

const exposedHeaders = [
	'retry-after',
	'retry-after-ms',
	'request-id',
	'x-request-id',
	'x-should-retry',
	'anthropic-ratelimit-requests-remaining',
	'x-ratelimit-remaining-requests'
].join(', ');

export function applyCorsHeaders(req: IncomingMessage, res: ServerResponse): void {
	const origin = req.headers.origin;
	res.setHeader('access-control-allow-origin', origin ?? '*');
	res.setHeader('vary', 'Origin, Access-Control-Request-Headers');
	res.setHeader('access-control-expose-headers', exposedHeaders);
	// Lets a cross-origin-isolated page (COEP require-corp) load responses from here.
	res.setHeader('cross-origin-resource-policy', 'cross-origin');
}

/** Answers an OPTIONS preflight. */
export function answerPreflight(req: IncomingMessage, res: ServerResponse): void {
	const requested = req.headers['access-control-request-headers'];
	if (requested) res.setHeader('access-control-allow-headers', requested);
	res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
	res.setHeader('access-control-max-age', '600');
	// Chrome's Private Network Access asks before a public page may reach localhost.
	if (req.headers['access-control-request-private-network'] === 'true') {
		res.setHeader('access-control-allow-private-network', 'true');
	}
	res.writeHead(204);
	res.end();
}
