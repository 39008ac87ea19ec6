/**
 * What each kind of subagent gets: its tools (a filtered core list, so still in the fixed
 * registry order), its permission policy, and the system text that tells it how to work.
 */
import { coreTools, type SubagentKind, type Tool } from '../../tools';
import { subagentPermission, type PermissionCheck } from '../permissions';

const EXPLORE_TOOLS = new Set(['read', 'glob', 'grep', 'list', 'bash', 'preview']);

export function subagentTools(kind: SubagentKind): readonly Tool[] {
	return coreTools().filter((tool) =>
		kind === 'explore' ? EXPLORE_TOOLS.has(tool.name) : tool.name !== 'task'
	);
}

export function subagentPolicy(kind: SubagentKind): PermissionCheck {
	return (toolName, args) => subagentPermission(kind, toolName, args);
}

const COMMON = `# You are a subagent
Another agent started you to do one task; the user message is its complete brief. You have a fresh context: you see only that brief, not the conversation before it, and no person will answer your questions. Work on your own until the task is done or you are sure it cannot be done.

# Your report
End with one final message that is your report, and nothing after it. It is the only thing the other agent sees, so make it self-contained and concise (at most about 1,500 words; shorter is better):
- the answer or the result first;
- the evidence: file paths with line numbers, names of functions and types, exact error messages;
- what you could not find or finish, and anything the other agent should check.
Do not pad it with a summary of your process.`;

const EXPLORE = `${COMMON}

# Read only
You are an explore subagent: you may read and search (read, glob, grep, list), look at the page in the preview (preview), and run read-only shell commands (ls, cat, grep, find, git status/log/diff…). You must not change anything: calls that write files or run other commands are refused. If the task needs changes, describe exactly what should change in your report.
Search broadly first, then read what matters. Call independent reads and searches together in one step.`;

const GENERAL = `${COMMON}

# Changes
You may read, edit and write files and run commands. Stay within the task: do not change what it did not ask for. In your report, list every file you changed and how you checked the result.`;

export function subagentSystemText(kind: SubagentKind): string {
	return kind === 'explore' ? EXPLORE : GENERAL;
}
