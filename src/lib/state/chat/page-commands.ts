import type { ToolWorkspace } from '../../tools';
import { parseCompactCommand } from '../../agent/light';
import { handleRememberCommand, type ChatNoticeMessage } from './memory-file';

/**
 * Chat commands the page answers itself, with no model turn: `/remember` (appends to AGENTS.md),
 * and `/compact` in a chat with nothing to compact yet. Null: the message goes to the agent.
 */
export async function pageCommandNotice(
	workspace: ToolWorkspace,
	message: string,
	chatIsEmpty: () => Promise<boolean>
): Promise<ChatNoticeMessage | null> {
	const remembered = await handleRememberCommand(workspace, message);
	if (remembered) return remembered;
	if (parseCompactCommand(message) !== undefined && (await chatIsEmpty())) {
		return {
			tone: 'info',
			message: 'There is nothing to compact yet: this chat is empty. Send a message first.'
		};
	}
	return null;
}
