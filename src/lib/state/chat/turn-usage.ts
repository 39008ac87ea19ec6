/** Token usage of a turn: the sum of its steps, in the view model's shape. */
import type { Usage } from '../../providers';
import type { TurnUsage } from './view-model';

export function isZero(usage: Usage): boolean {
	return (
		usage.inputTokens + usage.outputTokens + usage.cacheReadTokens + usage.cacheWriteTokens === 0
	);
}

export function toTurnUsage(usage: Usage): TurnUsage {
	return {
		input: usage.inputTokens,
		output: usage.outputTokens,
		cacheRead: usage.cacheReadTokens,
		cacheWrite: usage.cacheWriteTokens
	};
}

export function addUsage(sum: TurnUsage | undefined, usage: Usage): TurnUsage {
	const step = toTurnUsage(usage);
	if (!sum) return step;
	return {
		input: sum.input + step.input,
		output: sum.output + step.output,
		cacheRead: sum.cacheRead + step.cacheRead,
		cacheWrite: sum.cacheWrite + step.cacheWrite
	};
}
