/**
 * The chat's view model as a pure function of events. The settled transcript depends only on
 * the session log (SessionEvents); LiveEvents add drafts (streaming text, running tools, a
 * retry countdown) that the stored event replaces when it is announced as `persisted`. So a
 * conversation replayed after a reload looks exactly as it did when it was watched live.
 *
 * The reducer is split per event family: transcript-session-events (stored events),
 * transcript-live-events (drafts), transcript-turns (where turns begin and end), with
 * transcript-steps, transcript-markers and subagent-progress for what those events settle.
 */
import type { SessionEvent } from '../../agent';
import { applySessionEvent } from './transcript-session-events';
import type { ReducerOptions } from './transcript-summary';
import { emptyTranscript } from './transcript-turns';
import type { Transcript } from './view-model';

export { applyLiveEvent, applyLiveEvents } from './transcript-live-events';
export { applySessionEvent } from './transcript-session-events';
export { fallbackSummary, type ReducerOptions } from './transcript-summary';
export { beginTurn, closeDanglingTurn, emptyTranscript, endTurnLocally } from './transcript-turns';

/** Builds the transcript of a stored session. */
export function replay(events: readonly SessionEvent[], options: ReducerOptions = {}): Transcript {
	let transcript = emptyTranscript();
	for (const event of events) transcript = applySessionEvent(transcript, event, options);
	return transcript;
}
