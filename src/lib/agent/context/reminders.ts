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
import type { AgentMode } from '../types';

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
