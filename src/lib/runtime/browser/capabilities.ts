import type { RuntimeCapabilities } from '../types';

export const browserCapabilities: RuntimeCapabilities = {
	kind: 'browser',
	label: 'Offline runtime',
	node: false,
	npm: false,
	stat: true,
	preview: 'static',
	summary:
		'Commands run in a simulated bash inside the page, with coreutils, grep, sed, awk, find, jq ' +
		'and friends over the project files. There is no Node.js or npm: node, npm, npx and ' +
		'package installs are not available, and no servers can be started.'
};

/** Shown above the first prompt of the terminal, in muted bright black (dim text is too faint). */
export const browserShellBanner =
	'\x1b[90mOffline runtime: a simulated bash with coreutils, grep, sed, awk, find and jq. ' +
	'No Node.js or npm here.\x1b[0m\n';

/**
 * Why run_in_background is refused here: just-bash cannot listen on a port, and the preview
 * serves the project's files itself, so there is no server to start.
 */
export const BROWSER_BACKGROUND_REFUSAL =
	'The offline runtime cannot run background processes or servers: it is a simulated bash with no Node.js and no network ports. ' +
	"There is no need for one: the preview pane already serves the project's files as they are (index.html at the root) and reloads when they change. " +
	'Check the page with the preview tool; run commands that finish in the foreground.';
