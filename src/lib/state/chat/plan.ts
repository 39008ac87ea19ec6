import { DEFAULT_MODE, storedMode } from '../../agent/light';
import type { AgentMode, SessionEvent } from '../../agent';
import type { ChatTurn } from './view-model';

/**
 * The plan a plan-mode turn ended with: what the model wrote in its last step that had text
 * (earlier steps are the investigation around tool calls).
 */
export function planText(turn: ChatTurn): string {
	const texts = turn.items.filter((item) => item.kind === 'text');
	const last = texts.at(-1);
	if (!last) return '';
	return texts
		.filter((item) => item.step === last.step)
		.map((item) => item.text)
		.join('\n\n')
		.trim();
}

/**
 * The newest mode other than plan that the log set (auto when none): where approving a plan
 * returns to when this page did not see plan mode switched on.
 */
export function modeBeforePlan(events: readonly SessionEvent[]): AgentMode {
	for (let i = events.length - 1; i >= 0; i--) {
		const event = events[i]!;
		if (event.type === 'mode-change' && storedMode(event.mode) !== 'plan') {
			return storedMode(event.mode);
		}
	}
	return DEFAULT_MODE;
}

/** The chat is in plan mode and its newest turn ended in plan mode with a plan to approve. */
export function planAwaitsApproval(mode: AgentMode, last: ChatTurn | undefined): boolean {
	return (
		mode === 'plan' &&
		last?.mode === 'plan' &&
		last.endReason === 'completed' &&
		planText(last) !== ''
	);
}
