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

/** Shown above the first prompt of the terminal. */
export const browserShellBanner =
	'\x1b[2mOffline runtime: a simulated bash with coreutils, grep, sed, awk, find and jq. ' +
	'No Node.js or npm here.\x1b[0m\n';
