/**
 * Which live events wait for the next frame: the ones that come by the hundred per second while
 * a model writes or a command prints. Everything else (a tool card, a stored step, the turn's
 * end) flushes them and shows at once.
 */
import type { ChatLiveEvent } from './chat-events';
import { FrameBatcher, type FrameScheduler } from './frame-batcher';

const FREQUENT = new Set<ChatLiveEvent['type']>([
	'text-delta',
	'thinking-delta',
	'tool-call-args',
	'tool-progress',
	'subagent-event'
]);

export function isFrequentLiveEvent(event: ChatLiveEvent): boolean {
	return FREQUENT.has(event.type);
}

export function liveBatcher(
	apply: (events: readonly ChatLiveEvent[]) => void,
	schedule?: FrameScheduler
): FrameBatcher<ChatLiveEvent> {
	return new FrameBatcher(apply, isFrequentLiveEvent, schedule);
}
