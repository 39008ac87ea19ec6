import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { ideScriptSources } from './scripts/csp.mjs';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	// Each component's markup is built once with createElement calls and then cloned, rather than
	// parsed from an HTML string through a <template>'s innerHTML. Svelte calls that slower, but
	// opening a project makes each of the IDE's many templates once, and the HTML parser's setup per
	// template was the costliest JavaScript of the first mount (`from_html`, 25–40 ms of a traced
	// cold open). The Svelte chunk's time in those traces fell from 93–116 ms to 61–74 ms; the
	// bundle is no larger.
	compilerOptions: { fragments: 'tree' },
	kit: {
		// The IDE is a client-only single-page app: every route falls back to index.html.
		adapter: adapter({ fallback: 'index.html', strict: false }),
		// src/service-worker.ts (the app shell, for offline use) is registered by the app itself,
		// late and only in production builds (src/lib/state/app-update); previews have their own
		// worker on the preview origin.
		serviceWorker: { register: false },
		// Scripts only: SvelteKit adds the hashes of what it inlines and writes the policy into the
		// built HTML as a <meta> tag (the fallback page is prerendered), so every static host gets it
		// without configuration. The rest of the policy (frames, connections, workers) depends on the
		// deployment's preview origin and is sent as a header: see scripts/csp.mjs.
		csp: { mode: 'hash', directives: { 'script-src': ideScriptSources() } },
		// The build's name (its service worker's cache, the globals its page and chunks share).
		// SvelteKit's default is the time its config was loaded, and every `svelte-kit sync`
		// rewrites it into .svelte-kit: a sync beside a build (npm test type-checks while it builds)
		// gave the prerendered page one name and the chunks another, and the app did not start.
		// KILN_BUILD_VERSION (set once by scripts/test-all.mjs) keeps them one. Without it the
		// default stays: a Date.now() here would differ between the build's own processes.
		...(process.env.KILN_BUILD_VERSION && { version: { name: process.env.KILN_BUILD_VERSION } })
	}
};

export default config;
