import type { Script, Turn, WireFormat } from './script-schema';

export type TakeResult =
	| { kind: 'turn'; index: number; turn: Turn }
	| { kind: 'exhausted'; total: number }
	| { kind: 'no-match'; remaining: number[] };

export interface RequestFacts {
	format: WireFormat;
	lastUserText: string;
}

function accepts(turn: Turn, facts: RequestFacts): boolean {
	const match = turn.match;
	if (!match) return true;
	if (match.format && match.format !== facts.format) return false;
	if (
		match.lastUserMessageIncludes !== undefined &&
		!facts.lastUserText.includes(match.lastUserMessageIncludes)
	) {
		return false;
	}
	return true;
}

/**
 * Hands out turns in script order. A turn with `match` is skipped (left for later) until a
 * request satisfies it, so parallel requests whose order is not fixed can still be scripted.
 */
export class TurnQueue {
	#script: Script;
	#used: boolean[];

	constructor(script: Script) {
		this.#script = script;
		this.#used = script.turns.map(() => false);
	}

	get script(): Script {
		return this.#script;
	}

	take(facts: RequestFacts): TakeResult {
		const remaining = this.remaining();
		if (remaining.length === 0) return { kind: 'exhausted', total: this.#script.turns.length };
		for (const index of remaining) {
			const turn = this.#script.turns[index];
			if (turn && accepts(turn, facts)) {
				this.#used[index] = true;
				return { kind: 'turn', index, turn };
			}
		}
		return { kind: 'no-match', remaining };
	}

	remaining(): number[] {
		return this.#used.flatMap((used, index) => (used ? [] : [index]));
	}

	replace(script: Script): void {
		this.#script = script;
		this.reset();
	}

	reset(): void {
		this.#used = this.#script.turns.map(() => false);
	}
}
