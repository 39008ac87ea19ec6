/**
 * Messages for the chat from elsewhere in the IDE ("Fix with Kiln" in the Console and the
 * terminal). They wait here until the chat panel takes them, so a message offered while the chat
 * is still loading (or on another narrow-layout tab) is not lost.
 */
export class ChatInbox {
	pending = $state.raw<readonly string[]>([]);

	offer(text: string): void {
		this.pending = [...this.pending, text];
	}

	/** Everything waiting, as one message (two quick clicks make one message, not a lost one). */
	take(): string {
		const text = this.pending.join('\n\n');
		this.pending = [];
		return text;
	}
}

/**
 * What the composer does with an incoming message: send it now when Kiln is idle and the person
 * is not writing; queue it (it goes when the turn ends) when Kiln is busy; otherwise add it to
 * the person's unsent text, so neither text is lost.
 */
export function placeIncoming(
	text: string,
	draft: string,
	busy: boolean
): { draft: string; action: 'send' | 'queue' | 'draft' } {
	if (!draft.trim()) return { draft: text, action: busy ? 'queue' : 'send' };
	return { draft: `${draft.trimEnd()}\n\n${text}`, action: 'draft' };
}

export const ADDED_TO_DRAFT =
	'The error was added to your unsent message below: edit it if you like, then press Enter to send.';
