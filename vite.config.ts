import { sveltekit } from '@sveltejs/kit/vite';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { crossOriginIsolation } from './tooling/isolation-headers';
import { previewBridgeSource, previewOrigin } from './tooling/preview-origin';
import { zlibShim, zlibShimEsbuild } from './tooling/zlib-shim';
import { chromiumLaunchOptions } from './tooling/chromium';
import { bundleReport } from './tooling/bundle-report';
import { zodMiniCopy } from './tooling/zod-mini-copy';

export default defineConfig({
	plugins: [
		crossOriginIsolation(),
		previewOrigin(),
		previewBridgeSource(),
		zlibShim(),
		zodMiniCopy(),
		sveltekit(),
		bundleReport()
	],
	optimizeDeps: {
		// Lazily imported in the browser: listing them avoids a mid-session "optimized, reloading".
		include: [
			'just-bash/browser',
			'buffer',
			'fflate',
			'@xterm/xterm',
			'@xterm/addon-fit',
			'mrmime',
			'@codemirror/lang-javascript',
			'@codemirror/lang-html',
			'@codemirror/lang-css',
			'@codemirror/lang-json',
			'@codemirror/lang-markdown',
			'@replit/codemirror-lang-svelte',
			'@codemirror/merge'
		],
		esbuildOptions: { plugins: [zlibShimEsbuild] }
	},
	worker: { format: 'es' },
	test: {
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					environment: 'node',
					include: ['tests/unit/**/*.test.ts']
				}
			},
			{
				// `npm run test:faults`: the real agent against the scripted model server, fault by fault.
				extends: true,
				test: { name: 'faults', environment: 'node', include: ['tests/faults/**/*.test.ts'] }
			},
			{
				// `npm run test:bad-input`: hostile paths, files, records, output and markdown.
				extends: true,
				test: { name: 'bad-input', environment: 'node', include: ['tests/bad-input/**/*.test.ts'] }
			},
			{
				extends: true,
				test: {
					name: 'browser',
					include: ['tests/browser/**/*.test.ts'],
					browser: {
						enabled: true,
						headless: true,
						provider: playwright({ launchOptions: chromiumLaunchOptions() }),
						instances: [{ browser: 'chromium' }]
					}
				}
			}
		]
	}
});
