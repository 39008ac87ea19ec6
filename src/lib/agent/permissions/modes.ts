/**
 * The four permission modes, their labels, and how a stored mode is read back: sessions
 * written before the modes existed hold 'normal', which is today's 'auto'.
 */
import type { AgentMode } from '../types';

/** In the order the chat's "Mode" selector lists them. */
export const AGENT_MODES: readonly AgentMode[] = ['ask', 'auto-edit', 'auto', 'plan'];

/** Everything runs: the sandbox (and later, checkpoints) make it safe in the browser. */
export const DEFAULT_MODE: AgentMode = 'auto';

const LABELS: Record<AgentMode, string> = {
	ask: 'Ask',
	'auto-edit': 'Auto-edit',
	auto: 'Auto',
	plan: 'Plan'
};

export function modeLabel(mode: AgentMode): string {
	return LABELS[mode];
}

export function isAgentMode(value: unknown): value is AgentMode {
	return typeof value === 'string' && (AGENT_MODES as readonly string[]).includes(value);
}

/** A mode as found in a stored event: 'normal' (older sessions) and anything unknown are 'auto'. */
export function storedMode(value: unknown): AgentMode {
	return isAgentMode(value) ? value : DEFAULT_MODE;
}
