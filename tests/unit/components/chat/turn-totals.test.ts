import { describe, expect, it } from 'vitest';
import { turnTotals } from '../../../../src/lib/components/chat/turn-totals';
import type { ChatTurn } from '../../../../src/lib/state/chat';

const taskCard = (key: string, input: number, output: number) => ({
	kind: 'tool',
	key,
	name: 'task',
	state: 'completed',
	subagent: {
		description: key,
		steps: [],
		usage: { inputTokens: input, outputTokens: output, cacheReadTokens: 5, cacheWriteTokens: 1 }
	}
});

describe('turnTotals', () => {
	it('adds each finished subagent’s tokens to the turn’s own', () => {
		const turn = {
			key: 'turn-0',
			running: false,
			usage: { input: 100, output: 10, cacheRead: 1000, cacheWrite: 50 },
			items: [
				{ kind: 'user', key: 'u', text: 'go' },
				taskCard('a', 300, 30),
				taskCard('b', 200, 20),
				{ kind: 'tool', key: 'r', name: 'read', state: 'completed' }
			]
		} as unknown as ChatTurn;
		expect(turnTotals(turn)).toEqual({
			usage: { input: 600, output: 60, cacheRead: 1010, cacheWrite: 52 },
			subagents: 2
		});
	});

	it('counts subagents even when the turn’s own usage is not known yet', () => {
		const turn = {
			key: 'turn-0',
			running: true,
			items: [taskCard('a', 7, 3)]
		} as unknown as ChatTurn;
		expect(turnTotals(turn)).toEqual({
			usage: { input: 7, output: 3, cacheRead: 5, cacheWrite: 1 },
			subagents: 1
		});
	});

	it('is the turn’s own usage when no subagent ran', () => {
		const turn = { key: 'turn-0', running: false, items: [] } as unknown as ChatTurn;
		expect(turnTotals(turn)).toEqual({ subagents: 0 });
	});
});
