/**
 * The project's memory (AGENTS.md) as the chat handles it: `/remember TEXT` appends a note, and
 * the Memory button opens the file in the editor, creating it first when it is missing.
 */
import {
	MEMORY_FILE,
	NEW_MEMORY_HEADING,
	parseRememberCommand,
	rememberNote
} from '../../agent/light';
import type { ToolWorkspace } from '../../tools';
import { messageOf } from '../../errors';

export type MemoryWorkspace = Pick<ToolWorkspace, 'exists' | 'readText' | 'writeFile'>;

/** What a new AGENTS.md says before anyone wrote a note in it. */
export const NEW_MEMORY_TEXT = NEW_MEMORY_HEADING;

/** Creates AGENTS.md when it is missing; resolves to its path either way. */
export async function ensureMemoryFile(workspace: MemoryWorkspace): Promise<string> {
	if (!workspace.exists(MEMORY_FILE)) await workspace.writeFile(MEMORY_FILE, NEW_MEMORY_TEXT);
	return MEMORY_FILE;
}

export interface ChatNoticeMessage {
	readonly tone: 'info' | 'warning' | 'error';
	readonly message: string;
}

/**
 * Handles `/remember TEXT`: appends the note to AGENTS.md and says so. Resolves to undefined when
 * the text is not that command (the chat sends it to the model as usual).
 */
export async function handleRememberCommand(
	workspace: MemoryWorkspace,
	text: string
): Promise<ChatNoticeMessage | undefined> {
	const note = parseRememberCommand(text);
	if (note === null) return undefined;
	if (note === '') {
		return {
			tone: 'warning',
			message: `Write the note after the command, like “/remember run the tests with npm test”. It is added to ${MEMORY_FILE}.`
		};
	}
	try {
		await rememberNote(workspace, note);
	} catch (error) {
		const why = messageOf(error);
		return {
			tone: 'error',
			message: `The note could not be saved to ${MEMORY_FILE}: ${why} Open ${MEMORY_FILE} with the Memory button to add it by hand.`
		};
	}
	return {
		tone: 'info',
		message: `Remembered in ${MEMORY_FILE}: every new chat starts with it.`
	};
}
