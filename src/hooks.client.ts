import type { ClientInit } from '@sveltejs/kit';
import { preloadBrowserRuntime } from '$lib/runtime/browser';

/**
 * Runs once, before the first page's code loads: a page opened on a project starts reading it
 * (and starting its runtime) now rather than after the IDE has mounted. Nothing here is awaited,
 * and the code for it is fetched only for a project's address (the IDE's route needs it anyway).
 */
export const init: ClientInit = () => {
	if (!location.pathname.startsWith('/project/')) return;
	// The offline runtime's code (just-bash, the largest download of all, its own modules and
	// Buffer) needs nothing early-open reads: its requests leave now rather than after
	// early-open's own code has loaded and run. A few hundred bytes of this entry; the rest is
	// fetched. early-open's runtime then finds the modules fetched (or on their way).
	void preloadBrowserRuntime().catch(() => {});
	// Usually started already, by the page's inline script (src/app.html): then this finds it so.
	void import('$lib/state/early-open-start').catch(() => {}); // the IDE's route says what failed
	// The first use of localStorage loads this origin's copy of it, synchronously: done now, while
	// the route's code downloads, not inside the IDE's first mount (which reads its pane sizes).
	try {
		void localStorage.length;
	} catch {
		// Storage is blocked: the IDE falls back to its default pane sizes.
	}
};
