/**
 * What the chat's reducer consumes while a turn runs: the agent's LiveEvents, plus the events of
 * the subagents its task calls started, wrapped so they land in the right task card.
 */
import type { LiveEvent } from '../../agent';

export interface SubagentLiveEvent {
	readonly type: 'subagent-event';
	/** The task call whose card shows this subagent's progress. */
	readonly parentToolCallId: string;
	readonly subagentId: string;
	/** What the subagent's own loop emitted. */
	readonly event: LiveEvent;
}

export type ChatLiveEvent = LiveEvent | SubagentLiveEvent;

/** Wraps a subagent's event for the chat (the subagent runner forwards onEvent(id, event)). */
export function subagentEvent(
	parentToolCallId: string,
	subagentId: string,
	event: LiveEvent
): SubagentLiveEvent {
	return { type: 'subagent-event', parentToolCallId, subagentId, event };
}
