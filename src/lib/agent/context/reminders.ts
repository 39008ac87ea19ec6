/**
 * Texts that reach the model inside a user message when something changed mid-session. They are
 * never written into the system prompt or the session context: that would change the cached
 * prefix of every later request.
 */
import { NORMAL_MODE_REMINDER, PLAN_MODE_REMINDER } from '../permissions/reminders';
import type { AgentMode } from '../types';

export function wrapReminder(text: string): string {
	return `<system-reminder>\n${text}\n</system-reminder>`;
}

/** What the model is told when the person switches mode (texts shared with the permission layer). */
export function modeReminder(mode: AgentMode): string {
	return mode === 'plan' ? PLAN_MODE_REMINDER : NORMAL_MODE_REMINDER;
}
