import type { RuntimeCapabilities } from '../types';

export const nodeCapabilities: RuntimeCapabilities = {
	kind: 'node',
	label: 'Node.js',
	node: true,
	npm: true,
	stat: true,
	preview: 'server',
	summary:
		'Commands run in a real bash on this machine, in the project folder, with Node.js, npm ' +
		'and whatever else is installed. Dev servers that print a localhost URL become previews.'
};
