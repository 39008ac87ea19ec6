import { describe, expect, it } from 'vitest';
import {
	isPreviewPage,
	previewProjectOf,
	previewUrl,
	resolveFilePath,
	routePreviewRequest
} from '../../../src/lib/preview/paths';
import { hostProjectOf } from '../../../src/lib/preview/host-protocol';

const origin = 'http://localhost:5173';
const route = (path: string, referrer = '', base = '') =>
	routePreviewRequest(new URL(path, origin), referrer, base);

describe('previewUrl', () => {
	it('encodes the project id and each path segment', () => {
		expect(previewUrl('p1')).toBe('/preview/p1/');
		expect(previewUrl('my project', 'docs/a b.html')).toBe('/preview/my%20project/docs/a%20b.html');
		expect(previewUrl('p1', 'docs/', '/kiln')).toBe('/kiln/preview/p1/docs/');
	});
});

describe('resolveFilePath', () => {
	it('maps the root and folders to index.html', () => {
		expect(resolveFilePath('')).toEqual({ ok: true, path: 'index.html', explicitDirectory: true });
		expect(resolveFilePath('docs/')).toEqual({
			ok: true,
			path: 'docs/index.html',
			explicitDirectory: true
		});
	});

	it('percent-decodes segments and drops empty and dot segments', () => {
		expect(resolveFilePath('a%20b//./c%C3%A9.css')).toEqual({
			ok: true,
			path: 'a b/cé.css',
			explicitDirectory: false
		});
	});

	it('refuses .., encoded slashes and malformed encoding', () => {
		expect(resolveFilePath('a/../secret')).toMatchObject({
			ok: false,
			reason: expect.stringContaining("'..'")
		});
		expect(resolveFilePath('%2e%2e/secret')).toMatchObject({ ok: false });
		expect(resolveFilePath('a%2Fb')).toMatchObject({ ok: false });
		expect(resolveFilePath('bad%E0%A4%A')).toMatchObject({
			ok: false,
			reason: expect.stringContaining('percent')
		});
	});
});

describe('routePreviewRequest', () => {
	it('routes files under /preview/<id>/', () => {
		expect(route('/preview/p1/')).toEqual({
			kind: 'file',
			projectId: 'p1',
			path: 'index.html',
			explicitDirectory: true
		});
		expect(route('/preview/p%201/css/site.css?v=2')).toEqual({
			kind: 'file',
			projectId: 'p 1',
			path: 'css/site.css',
			explicitDirectory: false
		});
	});

	it('adds the trailing slash after the project id, keeping the query', () => {
		expect(route('/preview/p1?x=1')).toEqual({ kind: 'redirect', location: '/preview/p1/?x=1' });
	});

	it('refuses a URL without project or with an escaping path', () => {
		expect(route('/preview/')).toMatchObject({ kind: 'invalid' });
		expect(route('/preview/p1/%2e%2e%2fx')).toMatchObject({ kind: 'invalid' });
		// The URL parser already resolves dot segments, so they can only climb to another project id.
		expect(route('/preview/p1/%2e%2e/x')).toEqual({ kind: 'redirect', location: '/preview/x/' });
	});

	it('leaves the app itself alone', () => {
		expect(route('/')).toBeNull();
		expect(route('/project/p1')).toBeNull();
		expect(route('/_app/immutable/entry.js', `${origin}/project/p1`)).toBeNull();
		expect(route('/previewer/x')).toBeNull();
	});

	it('sends root-relative requests made by a preview back under its prefix', () => {
		expect(route('/style.css?v=1', `${origin}/preview/p1/index.html`)).toEqual({
			kind: 'redirect',
			location: '/preview/p1/style.css?v=1'
		});
		// A referrer from another origin says nothing about our previews.
		expect(route('/style.css', 'https://example.com/preview/p1/')).toBeNull();
	});

	it('honours a base path', () => {
		expect(route('/kiln/preview/p1/a.js', '', '/kiln')).toMatchObject({
			kind: 'file',
			path: 'a.js'
		});
		expect(route('/preview/p1/a.js', '', '/kiln')).toBeNull();
	});
});

describe('client matching', () => {
	it('recognises host pages and the project they serve', () => {
		expect(hostProjectOf(`${origin}/__kiln/host.html?project=p%201`)).toBe('p 1');
		expect(hostProjectOf(`${origin}/__kiln/host.html`)).toBe('');
		expect(hostProjectOf(`${origin}/project/p1?project=p1`)).toBeNull();
		expect(hostProjectOf('not a url')).toBeNull();
	});

	it('recognises preview pages and their project', () => {
		expect(isPreviewPage(`${origin}/preview/p1/`, '')).toBe(true);
		expect(isPreviewPage(`${origin}/project/p1`, '')).toBe(false);
		expect(previewProjectOf(`${origin}/preview/p%201/a/b.html`, origin, '')).toBe('p 1');
		expect(previewProjectOf('not a url', origin, '')).toBeNull();
	});
});
