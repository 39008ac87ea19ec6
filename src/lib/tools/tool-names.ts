/** The fixed order of the core tools: providers get them in this order (the prompt cache depends on it). */
export const TOOL_NAMES = [
	'read',
	'write',
	'edit',
	'glob',
	'grep',
	'list',
	'bash',
	'bash_output',
	'bash_kill',
	'todo_write',
	'task',
	'preview'
] as const;

export type ToolName = (typeof TOOL_NAMES)[number];
