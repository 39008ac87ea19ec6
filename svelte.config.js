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
		csp: { mode: 'hash', directives: { 'script-src': ideScriptSources() } }
	}
};

export default config;
