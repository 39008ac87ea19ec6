import { describe, expect, it } from 'vitest';
import { parsePreviewOrigin } from '../../../src/lib/preview/preview-config';
import { parseIdeOrigins } from '../../../src/lib/preview/host-protocol';

const ide = 'http://localhost:4173';

describe('the preview origin configuration', () => {
	it('takes a configured http(s) origin, normalised', () => {
		expect(parsePreviewOrigin({ previewOrigin: 'http://localhost:4174/' }, ide)).toBe(
			'http://localhost:4174'
		);
		expect(parsePreviewOrigin({ previewOrigin: 'https://preview.example.com/x?y' }, ide)).toBe(
			'https://preview.example.com'
		);
	});

	it("refuses the IDE's own origin, other schemes and anything malformed", () => {
		for (const data of [
			{ previewOrigin: `${ide}/` },
			{ previewOrigin: 'javascript:alert(1)' },
			{ previewOrigin: 'data:text/html,x' },
			{ previewOrigin: 'not a url' },
			{ previewOrigin: 42 },
			{},
			null,
			'<!doctype html>'
		]) {
			expect(parsePreviewOrigin(data, ide)).toBeNull();
		}
	});

	it("keeps only the host config's well-formed IDE origins", () => {
		expect(
			parseIdeOrigins({ ideOrigins: [`${ide}/path`, 'ftp://x', 'nope', 7, 'https://kiln.example'] })
		).toEqual([ide, 'https://kiln.example']);
		expect(parseIdeOrigins({ ideOrigins: 'http://x' })).toEqual([]);
		expect(parseIdeOrigins(null)).toEqual([]);
	});
});
