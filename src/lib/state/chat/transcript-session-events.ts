/** The reducer for stored events (the session log): all a replayed conversation is built from. */
import type { SessionEvent } from '../../agent';
import { storedMode } from '../../agent/light';
import { settleSubagent } from './subagent-progress';
import { clearedMarker, compactionMarker } from './markers';
import { replaceLast, updateStoredTurn } from './transcript-edits';
import { addMarker, markCleared, withoutCompacting } from './transcript-markers';
import { settleStep } from './transcript-steps';
import type { ReducerOptions } from './transcript-summary';
import { beginTurn, closeDanglingTurn, finishTurn } from './transcript-turns';
import type { ChatItem, ToolCard, Transcript } from './view-model';

export function applySessionEvent(
	transcript: Transcript,
	event: SessionEvent,
	options: ReducerOptions = {}
): Transcript {
	switch (event.type) {
		case 'session-start':
			return {
				...transcript,
				session: { provider: event.provider, model: event.model, runtime: event.runtime }
			};
		case 'user-message': {
			const last = transcript.turns.at(-1);
			const first = last?.items[0];
			// The optimistic turn from beginTurn: adopt the stored id and time.
			if (last?.running && first?.kind === 'user' && first.id === undefined) {
				const user = {
					...first,
					id: event.id,
					text: event.text,
					at: event.at,
					images: event.images
				};
				return replaceLast(transcript, { ...last, items: [user, ...last.items.slice(1)] });
			}
			const started = beginTurn(closeDanglingTurn(transcript), event.text, event.at, {
				...(event.images && { images: event.images })
			});
			const turn = started.turns.at(-1)!;
			const user = { ...(turn.items[0] as Extract<ChatItem, { kind: 'user' }>), id: event.id };
			return replaceLast(started, { ...turn, items: [user] });
		}
		case 'assistant-step':
			return updateStoredTurn(transcript, (turn) =>
				settleStep(turn, event.step, event.message, event.usage, options)
			);
		case 'tool-result':
			return updateStoredTurn(transcript, (turn) => {
				const items = turn.items.map((item): ChatItem => {
					if (item.kind !== 'tool' || item.id !== event.toolCallId) return item;
					const settled: ToolCard = {
						...item,
						state: event.ok ? 'completed' : 'error',
						output: event.output,
						metadata: event.metadata,
						...(event.images && { images: event.images }),
						startedAt: event.at - event.durationMs,
						durationMs: event.durationMs
					};
					return item.name === 'task' ? settleSubagent(settled) : settled;
				});
				const todos = event.metadata?.todos ?? turn.todos;
				return { ...turn, items, todos };
			});
		case 'turn-end':
			return updateStoredTurn(transcript, (turn) =>
				finishTurn(turn, event.reason, event.error, event.usage)
			);
		case 'context-cleared': {
			const marked = markCleared(transcript, new Set(event.toolCallIds));
			return addMarker(marked, (key) => clearedMarker(key, event));
		}
		case 'compaction':
			return addMarker(withoutCompacting(transcript), (key) => compactionMarker(key, event));
		case 'mode-change':
			return { ...transcript, mode: storedMode(event.mode) };
		case 'request':
		case 'reasoning-change':
			// For the context inspector and the model; nothing to show in the conversation.
			return transcript;
	}
}
