import { describe, expect, it } from 'vitest';
import { contentTypeFor } from '../../../src/lib/preview/mime';

describe('contentTypeFor', () => {
	it.each([
		['index.html', 'text/html; charset=utf-8'],
		['css/site.css', 'text/css; charset=utf-8'],
		['app.js', 'text/javascript; charset=utf-8'],
		['lib/mod.mjs', 'text/javascript; charset=utf-8'],
		['data.json', 'application/json; charset=utf-8'],
		['logo.svg', 'image/svg+xml; charset=utf-8'],
		['a.png', 'image/png'],
		['photo.JPG', 'image/jpeg'],
		['anim.gif', 'image/gif'],
		['pic.webp', 'image/webp'],
		['favicon.ico', 'image/x-icon'],
		['mod.wasm', 'application/wasm'],
		['notes.txt', 'text/plain; charset=utf-8'],
		['README.md', 'text/markdown; charset=utf-8'],
		['app.js.map', 'application/json; charset=utf-8'],
		['font.woff', 'font/woff'],
		['font.woff2', 'font/woff2'],
		['src/main.ts', 'text/plain; charset=utf-8'],
		['LICENSE', 'text/plain; charset=utf-8'],
		['.env', 'text/plain; charset=utf-8'],
		['blob.unknownext', 'application/octet-stream']
	])('%s → %s', (path, type) => {
		expect(contentTypeFor(path)).toBe(type);
	});
});
