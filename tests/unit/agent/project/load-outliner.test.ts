import { describe, expect, it } from 'vitest';
import { loadOutliner } from '../../../../src/lib/agent/project';

describe('loadOutliner', () => {
	it('loads the grammars once, and outlines every language the map knows with them', async () => {
		const first = loadOutliner();
		expect(loadOutliner()).toBe(first);
		const outline = await first;
		expect(outline('a.ts', 'export const x = 1;')).toEqual(['export const x']);
		expect(outline('a.css', '.box { color: red }')).toEqual(['.box']);
		expect(outline('a.html', '<main id="app"></main>')).toEqual(['ids: #app']);
		expect(outline('a.md', '# Title')).toEqual(['# Title']);
		expect(outline('a.svelte', '<script lang="ts">export let n: number;</script>')).toEqual([
			'export let n: number'
		]);
	});
});
