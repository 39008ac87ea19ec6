import type { ClientInit } from '@sveltejs/kit';
import { PERF_MARKS, markPerf } from '$lib/perf';
import { preloadBrowserRuntime } from '$lib/runtime/browser';

/**
 * The longest the IDE's first mount waits for the offline runtime's code (see init). Past it, a
 * download held up somewhere does not hold the shell's paint: the IDE mounts, as on a slow line.
 */
export const RUNTIME_CODE_WAIT_MS = 250;

/**
 * How much longer, once the code has run, the mount waits for the project's files. A small
 * project's were in 10 ms before to 30 ms after the code (cold, this machine); a large one's
 * (2,000 files, 30 MB) take hundreds of ms, and the shell does not wait for those.
 */
export const FILES_GRACE_MS = 40;

/**
 * Runs once, before the first page's code loads: a page opened on a project starts reading it
 * (and starting its runtime) now rather than after the IDE has mounted. The code for it is
 * fetched only for a project's address (the IDE's route needs it anyway).
 */
export const init: ClientInit = () => {
	if (!location.pathname.startsWith('/project/')) return;
	// The offline runtime's code (just-bash, the largest download of all, its own modules and
	// Buffer) needs nothing early-open reads: its requests leave now rather than after
	// early-open's own code has loaded and run. A few hundred bytes of this entry; the rest is
	// fetched. early-open's runtime then finds the modules fetched (or on their way).
	const code = preloadBrowserRuntime().then(
		() => markPerf(PERF_MARKS.runtimeCode),
		() => {} // the runtime's start says what failed
	);
	// Usually started already, by the page's inline script (src/app.html): then this finds it so.
	const filesRead = import('$lib/state/early-open-start').then(
		(start) => start.filesRead,
		() => {} // the IDE's route says what failed
	);
	// The first use of localStorage loads this origin's copy of it, synchronously: done now, while
	// the route's code downloads, not inside the IDE's first mount (which reads its pane sizes).
	try {
		void localStorage.length;
	} catch {
		// Storage is blocked: the IDE falls back to its default pane sizes.
	}
	// On a fast line (src/app.html judges it) SvelteKit mounts the IDE once just-bash has run.
	// Both want the main thread as the page starts, and whichever runs second waits for the other:
	// with the IDE first, just-bash's evaluation (~30 ms cold) and the seeding came after the whole
	// mount, and the runtime was ready 60–240 ms after the files (cold, 4 files, this machine);
	// with just-bash first, ~10 ms after, and the files and the shell's paint moved within the
	// noise (the files' reads, not the mount, set when they can show). And once the project's
	// files are read, if that is soon (FILES_GRACE_MS): each of the reads' IndexedDB answers is a
	// task that waited behind the mount's, and in about half the cold opens the files came ~90 ms
	// after the shell (runtime ready, cold: 214-245 or 314-343 ms); read first, 193-274 ms.
	// On a slow line the download would hold the shell for seconds.
	if (document.documentElement.dataset.line !== 'fast') return;
	const codeThenFiles = code.then(() => Promise.race([filesRead, wait(FILES_GRACE_MS)]));
	return Promise.race([codeThenFiles.then(() => {}), wait(RUNTIME_CODE_WAIT_MS)]);
};

function wait(ms: number): Promise<void> {
	return new Promise((done) => setTimeout(done, ms));
}
