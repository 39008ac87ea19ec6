import type { TemplateInfo } from './types';

const readme = `# New project

An empty project. To start:

- Describe what you want to build in the chat, and the agent creates the files.
- Or create files yourself in the file tree, and open the terminal to run commands.

Everything is saved in this browser. Use Export to download the project as a zip.
`;

export const blankTemplate: TemplateInfo = {
	id: 'blank',
	name: 'Blank',
	description: 'An empty project with a README: start from nothing.',
	files: { 'README.md': readme }
};
