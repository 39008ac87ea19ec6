/**
 * The chat's view model as a pure function of events. The settled transcript depends only on
 * the session log (SessionEvents); LiveEvents add drafts (streaming text, running tools, a
 * retry countdown) that the stored event replaces when it is announced as `persisted`. So a
 * conversation replayed after a reload looks exactly as it did when it was watched live.
 */
import type { AgentError, LiveEvent, SessionEvent, TurnEndReason } from '../../agent/types';
import { storedMode } from '../../agent/permissions';
import type { AssistantMessage, Usage } from '../../providers/types';
import { summarizeToolCall } from '../../tools/registry';
import type { ChatLiveEvent, SubagentLiveEvent } from './chat-events';
import {
	clearedMarker,
	compactingMarker,
	compactionFailedMarker,
	compactionMarker
} from './markers';
import { endNotice, interruptedNotice, retryNotice } from './notices';
import type {
	ChatItem,
	ChatTurn,
	MarkerItem,
	SubagentProgress,
	SubagentStep,
	TextItem,
	ThinkingItem,
	ToolCard,
	Transcript,
	TurnUsage
} from './view-model';

export interface ReducerOptions {
	/** One line describing a tool call; defaults to the core tools' own summaries. */
	summarize?: (name: string, input: unknown) => string;
}

/** Live tool output kept while a tool runs: the tail, since that is where a command is now. */
const MAX_LIVE_OUTPUT_CHARS = 20_000;

/** The one-line summary of arguments the core tools cannot describe (unknown tool, bad arguments). */
export function fallbackSummary(input: unknown): string {
	if (input === undefined || input === null) return '';
	if (typeof input !== 'object') return String(input).split('\n')[0] ?? '';
	const parts: string[] = [];
	for (const [key, value] of Object.entries(input as Record<string, unknown>)) {
		const shown = typeof value === 'string' ? value.split('\n')[0] : JSON.stringify(value);
		parts.push(`${key}: ${shown}`);
	}
	const line = parts.join(', ');
	return line.length > 120 ? `${line.slice(0, 119)}…` : line;
}

function defaultSummarize(name: string, input: unknown): string {
	return summarizeToolCall(name, input) || fallbackSummary(input);
}

export function emptyTranscript(): Transcript {
	return { turns: [] };
}

/** Builds the transcript of a stored session. */
export function replay(events: readonly SessionEvent[], options: ReducerOptions = {}): Transcript {
	let transcript = emptyTranscript();
	for (const event of events) transcript = applySessionEvent(transcript, event, options);
	return transcript;
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
	{ command = false }: { command?: boolean } = {}
): Transcript {
	const key = `turn-${transcript.turns.length}`;
	const turn: ChatTurn = {
		key,
		items: command ? [] : [{ kind: 'user', key: `${key}:user`, text, at }],
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
				const user = { ...first, id: event.id, text: event.text, at: event.at };
				return replaceLast(transcript, { ...last, items: [user, ...last.items.slice(1)] });
			}
			const started = beginTurn(closeDanglingTurn(transcript), event.text, event.at);
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
			// For the context inspector; nothing to show in the conversation.
			return transcript;
	}
}

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
				const step = turn.liveStep ?? 1;
				const card: ToolCard = {
					kind: 'tool',
					key: event.id,
					id: event.id,
					step,
					name: event.name,
					state: 'pending',
					summary: '',
					output: '',
					argsLength: 0
				};
				const base = withoutRetry(turn);
				return { ...base, items: [...base.items, card] };
			}
			case 'tool-call-args':
				return updateCard(turn, event.id, (card) => ({
					...card,
					argsLength: (card.argsLength ?? 0) + event.argsDelta.length
				}));
			case 'tool-call-ready': {
				const summarize = options.summarize ?? defaultSummarize;
				const exists = turn.items.some((item) => item.kind === 'tool' && item.id === event.id);
				const base = exists
					? turn
					: {
							...turn,
							items: [
								...turn.items,
								{
									kind: 'tool',
									key: event.id,
									id: event.id,
									step: turn.liveStep ?? 1,
									name: event.name,
									state: 'pending',
									summary: '',
									output: '',
									argsLength: 0
								} satisfies ToolCard
							]
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

// ---------------------------------------------------------------------------------------------

function replaceLast(transcript: Transcript, turn: ChatTurn): Transcript {
	return { ...transcript, turns: [...transcript.turns.slice(0, -1), turn] };
}

/** Live events belong to the newest turn while it runs; otherwise they are ignored. */
function updateRunningTurn(
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
function updateStoredTurn(
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

function updateCard(turn: ChatTurn, id: string, update: (card: ToolCard) => ToolCard): ChatTurn {
	let changed = false;
	const items = turn.items.map((item) => {
		if (item.kind !== 'tool' || item.id !== id) return item;
		changed = true;
		return update(item);
	});
	return changed ? { ...turn, items } : turn;
}

function isDraft(item: ChatItem): item is TextItem | ThinkingItem | ToolCard {
	if (item.kind === 'text' || item.kind === 'thinking') return item.streaming;
	return item.kind === 'tool' && item.argsLength !== undefined;
}

function isRetry(item: ChatItem): boolean {
	return item.kind === 'notice' && item.code === 'retrying';
}

function withoutRetry(turn: ChatTurn): ChatTurn {
	return turn.items.some(isRetry)
		? { ...turn, items: turn.items.filter((i) => !isRetry(i)) }
		: turn;
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

/**
 * Replaces the drafts of one step with what was stored. Tool cards keep what they learnt live
 * (running, output so far) until their own result arrives.
 */
function settleStep(
	turn: ChatTurn,
	step: number,
	message: AssistantMessage,
	usage: Usage,
	options: ReducerOptions
): ChatTurn {
	const summarize = options.summarize ?? defaultSummarize;
	const liveCards = new Map<string, ToolCard>();
	for (const item of turn.items) if (item.kind === 'tool') liveCards.set(item.id, item);

	const settled: ChatItem[] = [];
	let texts = 0;
	let thoughts = 0;
	for (const block of message.content) {
		if (block.type === 'text') {
			if (!block.text) continue;
			settled.push({
				kind: 'text',
				key: `${turn.key}:${step}:text:${texts++}`,
				step,
				text: block.text,
				streaming: false
			});
		} else if (block.type === 'thinking') {
			if (!block.thinking) continue;
			settled.push({
				kind: 'thinking',
				key: `${turn.key}:${step}:thinking:${thoughts++}`,
				step,
				text: block.thinking,
				streaming: false
			});
		} else if (block.type === 'tool_call') {
			const live = liveCards.get(block.id);
			settled.push({
				kind: 'tool',
				key: block.id,
				id: block.id,
				step,
				name: block.name,
				state: live?.state ?? 'pending',
				summary: summarize(block.name, block.input) || live?.summary || '',
				input: block.input,
				output: live?.output ?? '',
				...(live?.metadata !== undefined && { metadata: live.metadata }),
				...(live?.startedAt !== undefined && { startedAt: live.startedAt }),
				...(live?.durationMs !== undefined && { durationMs: live.durationMs }),
				...(live?.cleared && { cleared: true }),
				...(block.name === 'task' && {
					subagent: subagentFromInput(live ?? { subagent: undefined }, block.input)
				})
			});
		}
		// Redacted thinking is kept only to be sent back to the API: nothing to show.
	}

	const settledIds = new Set(settled.filter((i) => i.kind === 'tool').map((i) => i.key));
	const kept = turn.items.filter((item) => {
		if (isRetry(item)) return false;
		if (item.kind === 'tool') return item.step !== step && !settledIds.has(item.id);
		if (item.kind === 'text' || item.kind === 'thinking') return item.step !== step;
		return true;
	});
	return {
		...turn,
		items: [...kept, ...settled],
		usage: addUsage(turn.usage, usage)
	};
}

function finishTurn(
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

function isZero(usage: Usage): boolean {
	return (
		usage.inputTokens + usage.outputTokens + usage.cacheReadTokens + usage.cacheWriteTokens === 0
	);
}

function toTurnUsage(usage: Usage): TurnUsage {
	return {
		input: usage.inputTokens,
		output: usage.outputTokens,
		cacheRead: usage.cacheReadTokens,
		cacheWrite: usage.cacheWriteTokens
	};
}

function addUsage(sum: TurnUsage | undefined, usage: Usage): TurnUsage {
	const step = toTurnUsage(usage);
	if (!sum) return step;
	return {
		input: sum.input + step.input,
		output: sum.output + step.output,
		cacheRead: sum.cacheRead + step.cacheRead,
		cacheWrite: sum.cacheWrite + step.cacheWrite
	};
}

// --- Context markers ---------------------------------------------------------------------------

function isCompacting(item: ChatItem): boolean {
	return item.kind === 'marker' && item.code === 'compacting';
}

function withoutCompactingIn(turn: ChatTurn): ChatTurn {
	return turn.items.some(isCompacting)
		? { ...turn, items: turn.items.filter((item) => !isCompacting(item)) }
		: turn;
}

function withoutCompacting(transcript: Transcript): Transcript {
	const last = transcript.turns.at(-1);
	if (!last) return transcript;
	const next = withoutCompactingIn(last);
	return next === last ? transcript : replaceLast(transcript, next);
}

/** Markers are numbered within their turn, so live and replayed keys agree. */
function markerKey(turn: ChatTurn): string {
	const n = turn.items.filter((item) => item.kind === 'marker' && !isCompacting(item)).length;
	return `${turn.key}:marker:${n}`;
}

/**
 * A marker belongs to the turn that is running (clearing and compaction happen between its
 * steps). Outside a turn (a /compact the agent stored without a user message) it stands alone.
 */
function addMarker(transcript: Transcript, make: (key: string) => MarkerItem): Transcript {
	const last = transcript.turns.at(-1);
	if (last?.running)
		return replaceLast(transcript, { ...last, items: [...last.items, make(markerKey(last))] });
	const key = `turn-${transcript.turns.length}`;
	const turn: ChatTurn = { key, items: [make(`${key}:marker:0`)], running: false };
	return { ...transcript, turns: [...transcript.turns, turn] };
}

/** Cards whose results the model now sees only as placeholders, in any turn. */
function markCleared(transcript: Transcript, ids: ReadonlySet<string>): Transcript {
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

// --- Subagents ---------------------------------------------------------------------------------

/** Keeps the tail of what a subagent is writing: a glimpse, not its transcript. */
const MAX_SUBAGENT_TEXT_CHARS = 240;

function subagentFromInput(card: Pick<ToolCard, 'subagent'>, input: unknown): SubagentProgress {
	const args = (input ?? {}) as { description?: unknown; agent?: unknown };
	const description = typeof args.description === 'string' ? args.description : '';
	const agent = args.agent === 'general' || args.agent === 'explore' ? args.agent : undefined;
	return {
		steps: [],
		...card.subagent,
		description: card.subagent?.description || description,
		...(agent !== undefined && { agent })
	};
}

/** The task call's result: the subagent's own summary of how it went, from the metadata. */
function settleSubagent(card: ToolCard): ToolCard {
	const meta = card.metadata?.subagent;
	const progress = card.subagent ?? subagentFromInput(card, card.input);
	const steps = progress.steps.map((step): SubagentStep =>
		step.state === 'pending' || step.state === 'running' ? { ...step, state: 'error' } : step
	);
	const subagent: SubagentProgress = {
		...progress,
		steps,
		...(meta && {
			description: meta.description || progress.description,
			agent: meta.agent,
			reason: meta.reason,
			modelSteps: meta.steps,
			usage: meta.usage,
			model: meta.model
		})
	};
	return { ...card, subagent };
}

function applySubagentEvent(
	card: ToolCard,
	wrapped: SubagentLiveEvent,
	options: ReducerOptions
): ToolCard {
	const progress = card.subagent ?? subagentFromInput(card, card.input);
	const next = reduceSubagent(progress, wrapped.event, options);
	return next === progress && card.subagent ? card : { ...card, subagent: next };
}

function reduceSubagent(
	progress: SubagentProgress,
	event: LiveEvent,
	options: ReducerOptions
): SubagentProgress {
	const updateStep = (id: string, update: (step: SubagentStep) => SubagentStep) => {
		if (!progress.steps.some((step) => step.id === id)) return progress;
		return {
			...progress,
			steps: progress.steps.map((step) => (step.id === id ? update(step) : step))
		};
	};
	switch (event.type) {
		case 'step-start':
			return { ...progress, latestText: '' };
		case 'text-delta':
			return {
				...progress,
				latestText: ((progress.latestText ?? '') + event.text).slice(-MAX_SUBAGENT_TEXT_CHARS)
			};
		case 'tool-call-start':
			if (progress.steps.some((step) => step.id === event.id)) return progress;
			return {
				...progress,
				steps: [
					...progress.steps,
					{ id: event.id, name: event.name, summary: '', state: 'pending' }
				]
			};
		case 'tool-call-ready': {
			const summarize = options.summarize ?? defaultSummarize;
			const summary = event.summary || summarize(event.name, event.input);
			if (!progress.steps.some((step) => step.id === event.id)) {
				return {
					...progress,
					steps: [...progress.steps, { id: event.id, name: event.name, summary, state: 'pending' }]
				};
			}
			return updateStep(event.id, (step) => ({ ...step, name: event.name, summary }));
		}
		case 'tool-running':
			return updateStep(event.id, (step) => ({ ...step, state: 'running' }));
		case 'persisted': {
			const stored = event.event;
			if (stored.type !== 'tool-result') return progress;
			return updateStep(stored.toolCallId, (step) => ({
				...step,
				state: stored.ok ? 'completed' : 'error'
			}));
		}
		default:
			return progress;
	}
}
