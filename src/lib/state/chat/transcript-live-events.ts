/**
 * The reducer for live events: drafts of the running turn (streaming text, tool cards filling
 * in, a retry countdown) until the stored event, announced as `persisted`, replaces them.
 */
import type { ChatLiveEvent } from './chat-events';
import { compactingMarker, compactionFailedMarker } from './markers';
import { retryNotice } from './notices';
import { applySubagentEvent, subagentFromInput } from './subagent-progress';
import { isDraft, isRetry, updateCard, updateRunningTurn, withoutRetry } from './transcript-edits';
import { markerKey, withoutCompactingIn } from './transcript-markers';
import { applySessionEvent } from './transcript-session-events';
import { summarizerOf, type ReducerOptions } from './transcript-summary';
import type { ChatTurn, TextItem, ThinkingItem, ToolCard, Transcript } from './view-model';

/** Live tool output kept while a tool runs: the tail, since that is where a command is now. */
const MAX_LIVE_OUTPUT_CHARS = 20_000;

export function applyLiveEvent(
	transcript: Transcript,
	event: ChatLiveEvent,
	options: ReducerOptions = {},
	now: number = Date.now()
): Transcript {
	if (event.type === 'persisted') return applySessionEvent(transcript, event.event, options);
	return updateRunningTurn(transcript, (turn) => {
		switch (event.type) {
			case 'subagent-event':
				return updateCard(turn, event.parentToolCallId, (card) =>
					applySubagentEvent(card, event, options)
				);
			case 'context-status':
				// The chat session keeps the status; the transcript does not show it.
				return turn;
			case 'compacting': {
				const base = withoutCompactingIn(turn);
				const marker = compactingMarker(`${turn.key}:compacting`, event.manual, now);
				return { ...base, items: [...base.items, marker] };
			}
			case 'compaction-failed': {
				const base = withoutCompactingIn(turn);
				const marker = compactionFailedMarker(markerKey(base), event.error, now);
				return { ...base, items: [...base.items, marker] };
			}
			case 'step-start': {
				// The same step again is a retry: what it streamed before comes again.
				const items = turn.items.filter(
					(item) => !isRetry(item) && !(isDraft(item) && item.step === event.step)
				);
				return { ...turn, items, liveStep: event.step };
			}
			case 'text-delta':
			case 'thinking-delta':
				return appendDelta(
					withoutRetry(turn),
					event.type === 'text-delta' ? 'text' : 'thinking',
					event.text
				);
			case 'tool-call-start': {
				const card = pendingCard(event.id, event.name, turn.liveStep ?? 1);
				const base = withoutRetry(turn);
				return { ...base, items: [...base.items, card] };
			}
			case 'tool-call-args':
				return updateCard(turn, event.id, (card) => ({
					...card,
					argsLength: (card.argsLength ?? 0) + event.argsDelta.length
				}));
			case 'tool-call-ready': {
				const summarize = summarizerOf(options);
				const exists = turn.items.some((item) => item.kind === 'tool' && item.id === event.id);
				const base = exists
					? turn
					: {
							...turn,
							items: [...turn.items, pendingCard(event.id, event.name, turn.liveStep ?? 1)]
						};
				// Arguments that did not parse arrive as their raw text; the stored step keeps `{}`
				// for them, so a summary of the raw text would vanish on reload: none either way (the
				// card's error output quotes what the model sent).
				const unparsed = typeof event.input === 'string';
				return updateCard(base, event.id, (card) => ({
					...card,
					name: event.name,
					input: event.input,
					summary: unparsed ? '' : event.summary || summarize(event.name, event.input),
					...(event.name === 'task' && { subagent: subagentFromInput(card, event.input) })
				}));
			}
			case 'tool-running':
				return updateCard(turn, event.id, (card) => ({
					...card,
					state: 'running',
					startedAt: event.startedAt
				}));
			case 'tool-progress':
				return updateCard(turn, event.id, (card) => ({
					...card,
					output: (card.output + event.text).slice(-MAX_LIVE_OUTPUT_CHARS)
				}));
			case 'todos':
				return { ...turn, todos: event.todos };
			case 'retry': {
				// The step starts over: what it had streamed so far will come again.
				const step = turn.liveStep;
				const items = turn.items.filter(
					(item) => !(isDraft(item) && (step === undefined || item.step === step))
				);
				const notice = retryNotice(turn.key, event.attempt, event.error, now + event.delayMs);
				return { ...turn, items: [...items.filter((i) => !isRetry(i)), notice] };
			}
		}
	});
}

/** Several live events in order, as one commit (the chat applies them once per frame). */
export function applyLiveEvents(
	transcript: Transcript,
	events: readonly ChatLiveEvent[],
	options: ReducerOptions = {}
): Transcript {
	let next = transcript;
	const now = Date.now();
	for (const event of events) next = applyLiveEvent(next, event, options, now);
	return next;
}

/** A card for a tool call the model has begun to write: arguments still streaming. */
function pendingCard(id: string, name: string, step: number): ToolCard {
	return {
		kind: 'tool',
		key: id,
		id,
		step,
		name,
		state: 'pending',
		summary: '',
		output: '',
		argsLength: 0
	};
}

function appendDelta(turn: ChatTurn, kind: 'text' | 'thinking', text: string): ChatTurn {
	if (!text) return turn;
	const step = turn.liveStep ?? 1;
	const last = turn.items.at(-1);
	if (last && last.kind === kind && last.streaming && last.step === step) {
		return { ...turn, items: [...turn.items.slice(0, -1), { ...last, text: last.text + text }] };
	}
	const n = turn.items.filter((i) => i.kind === kind && i.step === step).length;
	const item: TextItem | ThinkingItem = {
		kind,
		key: `${turn.key}:${step}:${kind}:${n}`,
		step,
		text,
		streaming: true
	};
	return { ...turn, items: [...turn.items, item] };
}
