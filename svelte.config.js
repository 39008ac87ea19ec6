import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// The IDE is a client-only single-page app: every route falls back to index.html.
		adapter: adapter({ fallback: 'index.html', strict: false }),
		serviceWorker: { register: false }
	}
};

export default config;
