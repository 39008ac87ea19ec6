import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { ideScriptSources } from './scripts/csp.mjs';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
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
