/**
 * The whole-project baseline as such a harness really works: every project file (current
 * contents) sits in a cache-marked system block, so the model never needs to read, grep, glob
 * or list the project: it looks in its prompt. The scripted sessions were written for a model
 * that has to look, so the script is adapted, not the agent:
 *
 * - a scripted call answered from the paste (read/grep/glob/list) is dropped from its step; a
 *   step left with no calls is merged into the next step of the same turn (its text joins that
 *   step's), so the model makes fewer requests, as a model that holds the project would;
 * - Kiln's edit and write tools insist the file was read first (their guard against
 *   overwriting unseen work). A harness that pastes the files has shown them, so before each
 *   edit or overwrite the step carries a hidden read of that path: it runs (the guard is
 *   satisfied), and stripPasteCalls takes the call and its result out of every request, so the
 *   model is never sent them.
 */
import type { ChatMessage, ModelRequest } from '../../../src/lib/providers';
import type { ScriptedCall } from '../sessions';

/** Ids of the hidden reads start with this; nothing else does. */
export const PASTE_CALL_PREFIX = 'toolu_paste_';

const LOOKING_TOOLS = new Set(['read', 'grep', 'glob', 'list']);

/** The call only looks at project files, which the pasted copy already holds (current ones). */
export function isAnsweredFromPaste(call: ScriptedCall): boolean {
	return LOOKING_TOOLS.has(call.name);
}

/**
 * The calls to make for a step's remaining calls: a hidden read of each existing file before
 * it is edited or overwritten.
 */
export function withHiddenReads(
	calls: ScriptedCall[],
	exists: (path: string) => boolean
): ScriptedCall[] {
	return calls.flatMap((call) => {
		const path = call.input.path;
		const changesExisting =
			typeof path === 'string' && (call.name === 'edit' || (call.name === 'write' && exists(path)));
		return changesExisting ? [{ name: 'read', input: { path } }, call] : [call];
	});
}

/** The request without the hidden reads: their calls and results are never sent. */
export function stripPasteCalls(request: ModelRequest): ModelRequest {
	const shown = (block: ChatMessage['content'][number]) =>
		block.type === 'tool_call'
			? !block.id.startsWith(PASTE_CALL_PREFIX)
			: block.type === 'tool_result'
				? !block.toolCallId.startsWith(PASTE_CALL_PREFIX)
				: true;
	const messages = request.messages.map((message): ChatMessage => {
		const content = message.content.filter(shown);
		if (content.length === message.content.length) return message;
		// A cache marker on a dropped block moves to the message's new last block.
		const marked = (block: object) => 'cache' in block && block.cache !== undefined;
		const last = content.at(-1);
		if (message.content.some(marked) && !content.some(marked) && last) {
			content[content.length - 1] = { ...last, cache: {} } as typeof last;
		}
		return { ...message, content } as ChatMessage;
	});
	// Hidden reads always share their step with the edit they precede: no message empties.
	return { ...request, messages };
}

/** Every file as the whole-project harness pastes it: path headings and fenced contents. */
export function renderProject(files: [string, string][]): string {
	const parts = files.map(([path, text]) => `## ${path}\n\n\`\`\`\n${text}\n\`\`\``);
	return `# The project's files (current contents)\n\n${parts.join('\n\n')}`;
}
