// Apart from gate.ts so the chat's permission prompt can word a question without loading the
// policy (the rules' glob matcher, the read-only command check) before the first send.

/** What a waiting call would do, in words both front ends put in their question. */
export function permissionAction(toolName: string): string {
	if (toolName === 'bash') return 'run this command';
	if (toolName === 'write') return 'write this file';
	if (toolName === 'edit') return 'edit this file';
	return `use ${toolName}`;
}
