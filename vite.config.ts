import { sveltekit } from '@sveltejs/kit/vite';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { crossOriginIsolation } from './tooling/isolation-headers';
import { previewBridgeSource, previewOrigin } from './tooling/preview-origin';
import { zlibShim, zlibShimEsbuild } from './tooling/zlib-shim';
import { justBashChunk, justBashSplit } from './tooling/just-bash-split';
import type { ManualChunkMeta } from 'rollup';
import { chromiumLaunchOptions } from './tooling/chromium';
import { bundleReport } from './tooling/bundle-report';
import { zodMiniCopy } from './tooling/zod-mini-copy';
import { chunkPlan } from './tooling/chunk-plan';
import { regexesAhead } from './tooling/regexes-ahead';
import { compileHints } from './tooling/compile-hints';

// Vite's helper for dynamic imports, on its own: left to Rollup it shared a chunk with Svelte's
// runtime, and the early reads (which import nothing of Svelte) then waited for that 45 KB chunk
// to arrive before they could start (scripts/project-preloads.mjs). The chunk plan (second pass)
// groups it with the early reads' code.
const ownChunks = (id: string, meta: ManualChunkMeta) =>
	id.includes('vite/preload-helper') ? 'preload-helper' : justBashChunk(id, meta);

export default defineConfig({
	plugins: [
		crossOriginIsolation(),
		previewOrigin(),
		previewBridgeSource(),
		zlibShim(),
		justBashSplit(),
		zodMiniCopy(),
		regexesAhead(),
		chunkPlan(ownChunks),
		sveltekit(),
		compileHints(),
		bundleReport()
	],
	optimizeDeps: {
		// Lazily imported in the browser: listing them avoids a mid-session "optimized, reloading".
		include: [
			// The page runs just-bash's Node build (tooling/just-bash-split.ts), served as it is
			// (excluded below); the CommonJS packages its commands import need converting.
			'just-bash > sprintf-js',
			'just-bash > seek-bzip',
			'just-bash > turndown',
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
			'@codemirror/merge',
			'gpt-tokenizer/GptEncoding',
			'gpt-tokenizer/utfUtil',
			'gpt-tokenizer/bpeRanks/o200k_base',
			'gpt-tokenizer/encoding/o200k_base'
		],
		exclude: ['just-bash'],
		esbuildOptions: { plugins: [zlibShimEsbuild] }
	},
	worker: { format: 'es' },
	build: {
		// The chunk plan's first pass (scripts/build.mjs) is read for its chunks alone: no minifying,
		// no gzip of every chunk for the size table.
		...(process.env.KILN_BUILD_PASS === 'plan' && { minify: false, reportCompressedSize: false }),
		rollupOptions: {
			output: {
				// Chunks under 1 KB (a type guard, a 26-byte flag) merged into a neighbour (the chunk
				// plan's first pass starts from these; tooling/chunk-plan.ts): on HTTP/1.1
				// (`npm start`) each took one of six connections, and opening a project asked for ~40
				// files (runtime ready, cold: 461 → 429 ms side by side). Larger, and Svelte's runtime
				// slid into the early reads and the shell over its budget (bundle-budget.spec.ts).
				experimentalMinChunkSize: 1000
			}
		}
	},
	test: {
		// Vitest's default is one worker less than the cores: one worker on a 2-core machine. Most
		// slow tests wait (on a spawned CLI, a server, a timer) rather than compute, so more
		// workers than cores finish the run in far less time.
		maxWorkers: 4,
		// With four workers on two cores and the build beside them, a case doing real work (a first
		// import of an SDK or of ESLint's config, a spawned CLI) can pass the default 5 s; a hung
		// case still fails, only later.
		testTimeout: 15_000,
		// A loaded machine answers late; waits end as soon as their condition holds.
		expect: { poll: { timeout: 10_000 } },
		setupFiles: ['tests/setup/patient-waits.ts'],
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					environment: 'node',
					include: ['tests/unit/**/*.test.ts'],
					globalSetup: ['tests/cli-build.ts']
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
				test: {
					name: 'bad-input',
					environment: 'node',
					include: ['tests/bad-input/**/*.test.ts'],
					globalSetup: ['tests/cli-build.ts']
				}
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
