/**
 * Imported for its effect alone: starts opening the project the page's address names (see
 * early-open.ts). The page's first inline script imports this as soon as the HTML is parsed
 * (scripts/project-preloads.mjs gives it the built file's name), long before SvelteKit's own
 * entry has loaded and run; hooks.client.ts imports it too, for pages without that script (dev).
 * Whichever comes first starts the reads; the second finds them started.
 */
import { startEarlyOpen } from './early-open';

startEarlyOpen(location.pathname);
