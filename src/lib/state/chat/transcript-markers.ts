/**
 * Context markers in the transcript: results cleared from the model's context, a compaction
 * under way, done or failed.
 */
import { replaceLast } from './transcript-edits';
import type { ChatItem, ChatTurn, MarkerItem, Transcript } from './view-model';

export function isCompacting(item: ChatItem): boolean {
	return item.kind === 'marker' && item.code === 'compacting';
}

export function withoutCompactingIn(turn: ChatTurn): ChatTurn {
	return turn.items.some(isCompacting)
		? { ...turn, items: turn.items.filter((item) => !isCompacting(item)) }
		: turn;
}

export function withoutCompacting(transcript: Transcript): Transcript {
	const last = transcript.turns.at(-1);
	if (!last) return transcript;
	const next = withoutCompactingIn(last);
	return next === last ? transcript : replaceLast(transcript, next);
}

/** Markers are numbered within their turn, so live and replayed keys agree. */
export function markerKey(turn: ChatTurn): string {
	const n = turn.items.filter((item) => item.kind === 'marker' && !isCompacting(item)).length;
	return `${turn.key}:marker:${n}`;
}

/**
 * A marker belongs to the turn that is running (clearing and compaction happen between its
 * steps). Outside a turn (a /compact the agent stored without a user message) it stands alone.
 */
export function addMarker(transcript: Transcript, make: (key: string) => MarkerItem): Transcript {
	const last = transcript.turns.at(-1);
	if (last?.running)
		return replaceLast(transcript, { ...last, items: [...last.items, make(markerKey(last))] });
	const key = `turn-${transcript.turns.length}`;
	const turn: ChatTurn = { key, items: [make(`${key}:marker:0`)], running: false };
	return { ...transcript, turns: [...transcript.turns, turn] };
}

/** Cards whose results the model now sees only as placeholders, in any turn. */
export function markCleared(transcript: Transcript, ids: ReadonlySet<string>): Transcript {
	let changed = false;
	const turns = transcript.turns.map((turn) => {
		if (!turn.items.some((item) => item.kind === 'tool' && ids.has(item.id))) return turn;
		changed = true;
		const items = turn.items.map((item) =>
			item.kind === 'tool' && ids.has(item.id) ? { ...item, cleared: true } : item
		);
		return { ...turn, items };
	});
	return changed ? { ...transcript, turns } : transcript;
}
