/** A stored assistant step replaces what was streamed of it. */
import type { AssistantMessage, Usage } from '../../providers';
import { subagentFromInput } from './subagent-progress';
import { isRetry } from './transcript-edits';
import { summarizerOf, type ReducerOptions } from './transcript-summary';
import { addUsage } from './turn-usage';
import type { ChatItem, ChatTurn, ToolCard } from './view-model';

/**
 * Replaces the drafts of one step with what was stored. Tool cards keep what they learnt live
 * (running, output so far) until their own result arrives.
 */
export function settleStep(
	turn: ChatTurn,
	step: number,
	message: AssistantMessage,
	usage: Usage,
	options: ReducerOptions
): ChatTurn {
	const summarize = summarizerOf(options);
	const liveCards = new Map<string, ToolCard>();
	for (const item of turn.items) if (item.kind === 'tool') liveCards.set(item.id, item);

	const settled: ChatItem[] = [];
	let texts = 0;
	let thoughts = 0;
	for (const block of message.content) {
		if (block.type === 'text') {
			if (!block.text) continue;
			settled.push({
				kind: 'text',
				key: `${turn.key}:${step}:text:${texts++}`,
				step,
				text: block.text,
				streaming: false
			});
		} else if (block.type === 'thinking') {
			if (!block.thinking) continue;
			settled.push({
				kind: 'thinking',
				key: `${turn.key}:${step}:thinking:${thoughts++}`,
				step,
				text: block.thinking,
				streaming: false
			});
		} else if (block.type === 'tool_call') {
			const live = liveCards.get(block.id);
			settled.push({
				kind: 'tool',
				key: block.id,
				id: block.id,
				step,
				name: block.name,
				state: live?.state ?? 'pending',
				summary: summarize(block.name, block.input) || live?.summary || '',
				input: block.input,
				output: live?.output ?? '',
				...(live?.metadata !== undefined && { metadata: live.metadata }),
				...(live?.startedAt !== undefined && { startedAt: live.startedAt }),
				...(live?.durationMs !== undefined && { durationMs: live.durationMs }),
				...(live?.cleared && { cleared: true }),
				...(block.name === 'task' && {
					subagent: subagentFromInput(live ?? { subagent: undefined }, block.input)
				})
			});
		}
		// Redacted thinking is kept only to be sent back to the API: nothing to show.
	}

	const settledIds = new Set(settled.filter((i) => i.kind === 'tool').map((i) => i.key));
	const kept = turn.items.filter((item) => {
		if (isRetry(item)) return false;
		if (item.kind === 'tool') return item.step !== step && !settledIds.has(item.id);
		if (item.kind === 'text' || item.kind === 'thinking') return item.step !== step;
		return true;
	});
	return {
		...turn,
		items: [...kept, ...settled],
		usage: addUsage(turn.usage, usage)
	};
}
