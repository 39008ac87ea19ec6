import { describe, expect, it } from 'vitest';
import { scriptNeedingBuild } from '../../../src/lib/preview/build-step';

describe('scriptNeedingBuild', () => {
	it('finds a TypeScript entry loaded by a Vite index.html', () => {
		const html = '<div id="app"></div>\n<script type="module" src="/src/main.ts"></script>';
		expect(scriptNeedingBuild(html)).toBe('/src/main.ts');
	});

	it.each(['app.tsx', 'App.jsx', 'main.mts', 'App.vue', 'App.svelte'])('flags %s', (file) => {
		expect(scriptNeedingBuild(`<script src='${file}'></script>`)).toBe(file);
	});

	it('accepts plain scripts and modules that browsers run as they are', () => {
		const html =
			'<script src="main.js" defer></script><script type="module" src="./app.mjs"></script>';
		expect(scriptNeedingBuild(html)).toBeNull();
	});
});
