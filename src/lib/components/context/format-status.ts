import type { ContextStatusValue } from '$lib/state/chat';
import { formatCost } from '$lib/components/chat/format';
import { formatTokens } from '$lib/state/chat';

/** "42k / 200k · 91% cached · $0.84", the Context status line. */
export function formatContextStatus(status: ContextStatusValue | null): string {
	if (!status) return 'No requests yet';
	const parts = [
		`${formatTokens(status.used)} / ${formatTokens(status.window)}`,
		`${Math.round(status.cacheReadShare * 100)}% cached`,
		status.costKnown ? formatCost(status.costUsd) : 'cost unknown'
	];
	return parts.join(' · ');
}

/** How full the window is, 0..1. */
export function contextFill(status: ContextStatusValue | null): number {
	if (!status || status.window <= 0) return 0;
	return Math.min(1, Math.max(0, status.used / status.window));
}
