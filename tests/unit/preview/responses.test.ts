import { describe, expect, it } from 'vitest';
import {
	badRequestResponse,
	fileResponse,
	notFoundResponse,
	projectNotOpenResponse,
	readErrorResponse,
	redirectResponse,
	timeoutResponse
} from '../../../src/lib/preview/responses';

const required = {
	'cross-origin-embedder-policy': 'credentialless',
	'cross-origin-opener-policy': 'same-origin',
	// The IDE, on another origin, embeds these pages.
	'cross-origin-resource-policy': 'cross-origin',
	'cache-control': 'no-store'
};

describe('preview responses', () => {
	const all: [string, Response][] = [
		['file', fileResponse('index.html', new TextEncoder().encode('<h1>hi</h1>'))],
		['redirect', redirectResponse('http://localhost/preview/p1/')],
		['404', notFoundResponse('missing.css')],
		['400', badRequestResponse('nope')],
		['500', readErrorResponse('a.txt', 'disk on fire')],
		['503', projectNotOpenResponse('p1')],
		['504', timeoutResponse('a.txt', 5000)]
	];

	it.each(all)('%s carries the isolation and no-store headers', (_name, response) => {
		for (const [name, value] of Object.entries(required)) {
			expect(response.headers.get(name)).toBe(value);
		}
	});

	it('serves file bytes with the type of their extension', async () => {
		const response = fileResponse('img/a.png', new Uint8Array([137, 80, 78, 71]));
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('image/png');
		expect(new Uint8Array(await response.arrayBuffer())).toEqual(new Uint8Array([137, 80, 78, 71]));
	});

	it('names the missing file on the 404 page, escaped', async () => {
		const response = notFoundResponse('<b>x</b>.html');
		expect(response.status).toBe(404);
		expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
		const html = await response.text();
		expect(html).toContain('File not found');
		expect(html).toContain('&#60;b&#62;x&#60;/b&#62;.html');
		expect(html).not.toContain('<b>x</b>');
	});

	it('says what to do on a timeout', async () => {
		const response = timeoutResponse('index.html', 5000);
		expect(response.status).toBe(504);
		expect(await response.text()).toMatch(/no answer within 5 seconds.*reload/s);
	});

	it('redirects with an absolute Location', () => {
		const response = redirectResponse('http://localhost/preview/p1/docs/');
		expect(response.status).toBe(302);
		expect(response.headers.get('location')).toBe('http://localhost/preview/p1/docs/');
	});
});
