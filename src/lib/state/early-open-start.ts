/**
 * Imported for its effect alone: starts opening the project the page's address names (see
 * early-open.ts), and opens its session on those reads (early-session.ts). The page's first
 * inline script imports this as soon as the HTML is parsed (scripts/project-preloads.mjs gives
 * it the built file's name), long before SvelteKit's own entry has loaded and run;
 * hooks.client.ts imports it too, for pages without that script (dev). Whichever comes first
 * starts the reads; the second finds them started.
 */
import { earlyFilesRead, startEarlyOpen } from './early-open';
import { openEarlySession } from './early-session';

const projectId = startEarlyOpen(location.pathname);
if (projectId !== undefined) {
	openEarlySession(projectId, location.search);
}

/** Settles once the project's record and files are read (see earlyFilesRead). */
export const filesRead = earlyFilesRead();
