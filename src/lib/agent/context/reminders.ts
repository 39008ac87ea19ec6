/**
 * Texts that reach the model inside a user message when something changed mid-session. They are
 * never written into the system prompt or the session context: that would change the cached
 * prefix of every later request.
 */
import { storedMode } from '../permissions/modes';
import {
	ASK_MODE_REMINDER,
	AUTO_EDIT_MODE_REMINDER,
	NORMAL_MODE_REMINDER,
	PLAN_MODE_REMINDER
} from '../permissions/reminders';
import type { ReasoningEffort } from '../../providers';
import type { AgentMode, SessionEvent } from '../types';

export function wrapReminder(text: string): string {
	return `<system-reminder>\n${text}\n</system-reminder>`;
}

/** What the model is told when the person switches mode (texts shared with the permission layer). */
export function modeReminder(mode: AgentMode): string {
	switch (storedMode(mode)) {
		case 'plan':
			return PLAN_MODE_REMINDER;
		case 'ask':
			return ASK_MODE_REMINDER;
		case 'auto-edit':
			return AUTO_EDIT_MODE_REMINDER;
		case 'auto':
			return NORMAL_MODE_REMINDER;
	}
}

/**
 * What the model is told when the person changes the reasoning setting mid-session. Only the
 * request's thinking parameters change; the system prompt and tools stay byte-identical.
 */
export function reasoningReminder(effort: ReasoningEffort | 'off'): string {
	return wrapReminder(
		effort === 'off'
			? 'The person turned extended reasoning off: answer without long deliberation unless the task needs it.'
			: `The person set the reasoning effort to ${effort}: think ${EFFORT_WORDS[effort]} before acting.`
	);
}

const EFFORT_WORDS: Record<ReasoningEffort, string> = {
	low: 'briefly',
	medium: 'as much as the task needs',
	high: 'thoroughly'
};

/** The reasoning setting the log last recorded ('off' when none was). */
export function currentReasoning(events: readonly SessionEvent[]): ReasoningEffort | 'off' {
	for (let i = events.length - 1; i >= 0; i--) {
		const event = events[i]!;
		if (event.type === 'reasoning-change') return event.effort;
	}
	return 'off';
}

/**
 * The event to record before the next message when the setting differs from the log's, so the
 * change is announced there (never by rewriting the prefix); undefined when nothing changed.
 */
export function reasoningChange(
	events: readonly SessionEvent[],
	effort: ReasoningEffort | undefined,
	at = Date.now()
): SessionEvent | undefined {
	const next = effort ?? 'off';
	return next === currentReasoning(events)
		? undefined
		: { type: 'reasoning-change', at, effort: next };
}
