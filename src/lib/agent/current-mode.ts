import { DEFAULT_MODE, storedMode } from './permissions';
import type { AgentMode, SessionEvent } from './types';

/** The mode set by the newest mode-change (auto when none): the log is where the mode lives. */
export function currentMode(events: readonly SessionEvent[]): AgentMode {
	for (let i = events.length - 1; i >= 0; i--) {
		const event = events[i]!;
		if (event.type === 'mode-change') return storedMode(event.mode);
	}
	return DEFAULT_MODE;
}
