/** Where turns begin and end: sent by the person, ended by the agent, or cut off by a reload. */
import type { AgentError, TurnEndReason } from '../../agent';
import type { Usage } from '../../providers';
import { endNotice, interruptedNotice } from './notices';
import { isDraft, isRetry, replaceLast } from './transcript-edits';
import { isCompacting } from './transcript-markers';
import { isZero, toTurnUsage } from './turn-usage';
import type { ChatImage, ChatItem, ChatTurn, Transcript } from './view-model';

export function emptyTranscript(): Transcript {
	return { turns: [] };
}

/**
 * The person pressed Send: their message shows at once, before the agent has stored it. The
 * stored `user-message` that follows is merged into this turn rather than starting another.
 * A `command` (/compact) is no message of the conversation: its turn shows only what it does.
 */
export function beginTurn(
	transcript: Transcript,
	text: string,
	at: number,
	{ command = false, images }: { command?: boolean; images?: readonly ChatImage[] } = {}
): Transcript {
	const key = `turn-${transcript.turns.length}`;
	const user = { kind: 'user' as const, key: `${key}:user`, text, at };
	const turn: ChatTurn = {
		key,
		items: command ? [] : [images?.length ? { ...user, images } : user],
		running: true,
		...(transcript.mode === 'plan' && !command && { mode: 'plan' as const })
	};
	return { ...transcript, turns: [...transcript.turns, turn] };
}

/**
 * Ends the last turn without a stored turn-end: the agent threw instead of reporting, or it
 * returned without announcing its turn-end. Does nothing when the turn already ended.
 */
export function endTurnLocally(
	transcript: Transcript,
	reason: TurnEndReason,
	error?: AgentError,
	usage?: Usage
): Transcript {
	const last = transcript.turns.at(-1);
	if (!last?.running) return transcript;
	return replaceLast(transcript, finishTurn(last, reason, error, usage));
}

/** A replayed log that ends mid-turn (the tab closed while it ran): close that turn honestly. */
export function closeDanglingTurn(transcript: Transcript): Transcript {
	const last = transcript.turns.at(-1);
	if (!last?.running) return transcript;
	const items = settleUnfinishedTools(last.items, 'The page closed before this tool finished.');
	return replaceLast(transcript, {
		...last,
		items: [...items, interruptedNotice(last.key)],
		running: false,
		interrupted: true
	});
}

export function finishTurn(
	turn: ChatTurn,
	reason: TurnEndReason,
	error: AgentError | undefined,
	usage: Usage | undefined
): ChatTurn {
	const why =
		reason === 'aborted'
			? 'Stopped before this tool finished.'
			: 'The turn ended before this tool ran.';
	const endKey = `${turn.key}:end`;
	const items = settleUnfinishedTools(
		turn.items.filter(
			(item) => !isRetry(item) && !isDraft(item) && !isCompacting(item) && item.key !== endKey
		),
		why
	);
	const notice = endNotice(turn.key, reason, error);
	const next: ChatTurn = {
		key: turn.key,
		items: notice ? [...items, notice] : items,
		running: false,
		endReason: reason,
		...(turn.mode !== undefined && { mode: turn.mode })
	};
	// A turn-end without usage (a repaired turn reports zeros) keeps what its steps summed to.
	const total = usage && !isZero(usage) ? toTurnUsage(usage) : turn.usage;
	return {
		...next,
		...(total !== undefined && { usage: total }),
		...(turn.todos !== undefined && { todos: turn.todos })
	};
}

/** A tool card still pending or running when its turn ends never will finish: say so. */
function settleUnfinishedTools(items: readonly ChatItem[], why: string): ChatItem[] {
	return items.map((item) => {
		if (item.kind !== 'tool' || item.state === 'completed' || item.state === 'error') return item;
		return { ...item, state: 'error', output: item.output ? `${item.output}\n${why}` : why };
	});
}
