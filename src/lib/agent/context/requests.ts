// The requests a session's log holds, with what the API reported for each: what the context
// inspector lists and the calibration learns from. Apart from snapshot.ts, which reaches the
// tools, so the IDE can show them before the agent's code has loaded.
import type { Usage } from '../../providers';
import type { RequestSnapshot, SessionEvent } from '../types';

/**
 * The usage the API reported for the request at `index`: stored with its response (the next
 * assistant-step, or the compaction event for a summary request), undefined if none arrived.
 */
export function requestUsage(events: readonly SessionEvent[], index: number): Usage | undefined {
	for (let i = index + 1; i < events.length; i++) {
		const event = events[i]!;
		if (event.type === 'request' || event.type === 'turn-end') return undefined;
		if (event.type === 'assistant-step') return event.usage;
		if (event.type === 'compaction') return event.usage;
	}
	return undefined;
}

/** Every request of a session with its index, snapshot and usage: the inspector's list. */
export function sessionRequests(
	events: readonly SessionEvent[]
): { index: number; at: number; step: number; snapshot: RequestSnapshot }[] {
	const out: { index: number; at: number; step: number; snapshot: RequestSnapshot }[] = [];
	events.forEach((event, index) => {
		if (event.type !== 'request') return;
		const usage = requestUsage(events, index);
		out.push({
			index,
			at: event.at,
			step: event.step,
			snapshot: usage ? { ...event.snapshot, usage } : event.snapshot
		});
	});
	return out;
}
