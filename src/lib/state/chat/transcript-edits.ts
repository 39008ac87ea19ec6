/**
 * Small immutable edits of a transcript shared by the reducers: which turn an event belongs to,
 * one tool card, and what counts as a draft or a retry notice.
 */
import type {
	ChatItem,
	ChatTurn,
	TextItem,
	ThinkingItem,
	ToolCard,
	Transcript
} from './view-model';

export function replaceLast(transcript: Transcript, turn: ChatTurn): Transcript {
	return { ...transcript, turns: [...transcript.turns.slice(0, -1), turn] };
}

/** Live events belong to the newest turn while it runs; otherwise they are ignored. */
export function updateRunningTurn(
	transcript: Transcript,
	update: (turn: ChatTurn) => ChatTurn
): Transcript {
	const last = transcript.turns.at(-1);
	if (!last?.running) return transcript;
	const next = update(last);
	return next === last ? transcript : replaceLast(transcript, next);
}

/**
 * Stored events belong to the newest turn whose user message was stored. A turn the person just
 * started (not stored yet) is skipped: before storing its message the agent may first repair a
 * turn the page closed in the middle of, with results and a turn-end for that older turn.
 */
export function updateStoredTurn(
	transcript: Transcript,
	update: (turn: ChatTurn) => ChatTurn
): Transcript {
	let index = transcript.turns.length - 1;
	const first = transcript.turns[index]?.items[0];
	if (first?.kind === 'user' && first.id === undefined) index--;
	const turn = transcript.turns[index];
	if (!turn || !(turn.running || turn.interrupted)) return transcript;
	const next = update(turn);
	if (next === turn) return transcript;
	const turns = transcript.turns.slice();
	turns[index] = next;
	return { ...transcript, turns };
}

export function updateCard(
	turn: ChatTurn,
	id: string,
	update: (card: ToolCard) => ToolCard
): ChatTurn {
	let changed = false;
	const items = turn.items.map((item) => {
		if (item.kind !== 'tool' || item.id !== id) return item;
		changed = true;
		return update(item);
	});
	return changed ? { ...turn, items } : turn;
}

export function isDraft(item: ChatItem): item is TextItem | ThinkingItem | ToolCard {
	if (item.kind === 'text' || item.kind === 'thinking') return item.streaming;
	return item.kind === 'tool' && item.argsLength !== undefined;
}

export function isRetry(item: ChatItem): boolean {
	return item.kind === 'notice' && item.code === 'retrying';
}

export function withoutRetry(turn: ChatTurn): ChatTurn {
	return turn.items.some(isRetry)
		? { ...turn, items: turn.items.filter((i) => !isRetry(i)) }
		: turn;
}
