import type { ClientInit } from '@sveltejs/kit';

/**
 * Runs once, before the first page's code loads: a page opened on a project starts reading it
 * (and starting its runtime) now rather than after the IDE has mounted. Nothing here is awaited,
 * and the code for it is fetched only for a project's address (the IDE's route needs it anyway).
 */
export const init: ClientInit = () => {
	if (!location.pathname.startsWith('/project/')) return;
	// The offline runtime's engine, the largest download of all, needs nothing early-open reads:
	// its request leaves now rather than after early-open's own code and storage have loaded.
	// runtime/browser's import of it then finds the module already fetched (or on its way).
	void import('just-bash/browser').catch(() => {});
	void import('$lib/state/early-open')
		.then(({ startEarlyOpen }) => startEarlyOpen(location.pathname))
		.catch(() => {}); // the IDE's route loads the same code, and says what went wrong
};
