/**
 * Texts the loop sends when the mode changes. They travel inside the next user message as a
 * reminder, never in the system prompt, so the cached prefix stays byte-identical.
 */

export const PLAN_MODE_REMINDER = `<system-reminder>
Plan mode is on. Until the person approves a plan:
- Only read and investigate: read, glob, grep, list, read-only bash commands, todo_write, and task with agent "explore". Any call that changes files or runs other commands will be refused.
- When you understand enough, end your turn with a plan: the goal, the files you will change and how, the order of the steps, and how you will check the result. Keep it concise and concrete.
- Do not start the work: the person will approve or change the plan first.
</system-reminder>`;

/** Auto mode (older sessions called it normal). */
export const NORMAL_MODE_REMINDER = `<system-reminder>
Plan mode is off: you may change files and run commands again.
</system-reminder>`;

export const ASK_MODE_REMINDER = `<system-reminder>
Permission mode is now Ask: you may change files and run commands, but each edit and each command that does more than read waits for the person to allow it. If they deny one, its result says so: do not retry it as is; ask what they want or take another way.
</system-reminder>`;

export const AUTO_EDIT_MODE_REMINDER = `<system-reminder>
Permission mode is now Auto-edit: file edits run at once; each command that does more than read waits for the person to allow it. If they deny one, its result says so: do not retry it as is; ask what they want or take another way.
</system-reminder>`;

/**
 * The user message that ends plan mode when the person approves: sent as their turn, with the
 * plan as approved (they may have edited it), so the model works from that exact text.
 */
export function planApprovedMessage(plan: string): string {
	const trimmed = plan.trim();
	const body = trimmed === '' ? '' : `\n\nThe approved plan:\n\n${trimmed}`;
	return `I approve the plan. Plan mode is off: you may now change files and run commands. Carry out the plan step by step, and check your work as it describes.${body}`;
}
