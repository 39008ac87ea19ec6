import { describe, expect, it } from 'vitest';
import {
	addressFor,
	hrefFor,
	previewRoot
} from '../../../src/lib/components/preview/preview-address';

const page = 'http://localhost:5173/project/p1';

describe('preview address', () => {
	it('resolves a static preview URL against the page', () => {
		expect(previewRoot('/preview/p1/', page).href).toBe('http://localhost:5173/preview/p1/');
		expect(previewRoot('https://abc.webcontainer-api.io', page).href).toBe(
			'https://abc.webcontainer-api.io/'
		);
	});

	it('shows paths relative to the root', () => {
		const root = previewRoot('/preview/p1/', page);
		expect(addressFor('http://localhost:5173/preview/p1/', root)).toBe('/');
		expect(addressFor('http://localhost:5173/preview/p1/docs/a.html?x=1#top', root)).toBe(
			'/docs/a.html?x=1#top'
		);
		expect(addressFor('http://localhost:5173/project/p1', root)).toBeNull();
		expect(addressFor('https://elsewhere.example/', root)).toBeNull();
	});

	it('keeps typed addresses inside the preview', () => {
		const root = previewRoot('/preview/p1/', page);
		expect(hrefFor('/about.html', root)).toBe('http://localhost:5173/preview/p1/about.html');
		expect(hrefFor('docs/', root)).toBe('http://localhost:5173/preview/p1/docs/');
		expect(hrefFor('../../project/p2', root)).toBe('http://localhost:5173/preview/p1/');
		expect(hrefFor('//evil.example/x', root)).toBe(
			'http://localhost:5173/preview/p1/evil.example/x'
		);
	});
});
