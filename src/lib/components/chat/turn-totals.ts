import type { ChatTurn, TurnUsage } from '$lib/state/chat';

export interface TurnTotals {
	/** The turn's own requests and its subagents' together; undefined when nothing was counted. */
	readonly usage?: TurnUsage;
	/** Subagents whose tokens are in `usage`. */
	readonly subagents: number;
}

/**
 * What a turn cost in tokens, its subagents included: the agent's own steps are in the turn's
 * usage, each finished subagent's in its task card (it ran its own requests, on its own log).
 */
export function turnTotals(turn: ChatTurn): TurnTotals {
	let usage = turn.usage;
	let subagents = 0;
	for (const item of turn.items) {
		const spent = item.kind === 'tool' ? item.subagent?.usage : undefined;
		if (!spent) continue;
		subagents++;
		usage = {
			input: (usage?.input ?? 0) + spent.inputTokens,
			output: (usage?.output ?? 0) + spent.outputTokens,
			cacheRead: (usage?.cacheRead ?? 0) + spent.cacheReadTokens,
			cacheWrite: (usage?.cacheWrite ?? 0) + spent.cacheWriteTokens
		};
	}
	return usage ? { usage, subagents } : { subagents };
}
