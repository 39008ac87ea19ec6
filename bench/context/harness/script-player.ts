/**
 * Hands the scripted model's answers out one request at a time. The agent decides when it
 * compacts, so the script cannot say in advance which request is a summary request: each
 * request is answered by its kind (the agent records it in a 'request' event just before
 * sending), steps in script order, summaries made up from what the session did so far.
 */
import type { Turn } from '../../../tooling/mock-model';
import type { BenchSession, ScriptedStep } from '../sessions';

export type RequestKind = 'step' | 'compaction';

export class ScriptPlayer {
	readonly #session: BenchSession;
	readonly #steps: { step: ScriptedStep; turn: number }[];
	#next = 0;
	#pendingPauseMs = 0;
	/** Requests that found no scripted step left (the agent asked more than the script holds). */
	extraRequests = 0;

	constructor(session: BenchSession) {
		this.#session = session;
		this.#steps = session.turns.flatMap((turn, index) =>
			turn.steps.map((step) => ({ step, turn: index }))
		);
	}

	/** Called before the person sends turn `index`: its pause applies to the next request. */
	beginTurn(index: number): void {
		this.#pendingPauseMs = this.#session.turns[index]?.pauseMs ?? 0;
		const first = this.#steps.findIndex((entry) => entry.turn === index);
		// A turn cut short (an error) must not shift every later answer.
		if (first >= 0) this.#next = first;
	}

	/** The mock-model turn answering the next request of this kind. */
	answer(kind: RequestKind): Turn {
		const pauseMs = this.#pendingPauseMs;
		this.#pendingPauseMs = 0;
		if (kind === 'compaction') return { text: this.#summary(), pauseMs, label: 'summary' };
		const entry = this.#steps[this.#next];
		if (!entry) {
			this.extraRequests += 1;
			return { text: 'Done.', pauseMs, label: 'beyond the script' };
		}
		const index = this.#next++;
		return {
			label: `step ${index}`,
			text: entry.step.text,
			pauseMs,
			toolCalls: entry.step.calls.map((call, n) => ({
				id: `toolu_bench_${index}_${n}`,
				name: call.name,
				input: call.input
			}))
		};
	}

	/** A summary of the length and shape a model writes: intent, files, decisions, state. */
	#summary(): string {
		const done = this.#steps.slice(0, this.#next);
		const turn = done.at(-1)?.turn ?? 0;
		const files = new Set<string>();
		for (const { step } of done) {
			for (const call of step.calls) {
				if (typeof call.input.path === 'string') files.add(call.input.path);
			}
		}
		const asked = this.#session.turns.slice(0, turn + 1).map((t) => `- ${t.prompt}`);
		const recent = done.slice(-12).map(({ step }) => `- ${step.text}`);
		return [
			'## Intent',
			...asked,
			'',
			'## Files involved',
			...[...files].map((path) => `- ${path}`),
			'',
			'## What was done most recently',
			...recent,
			'',
			'## Current state',
			`Working on request ${turn + 1} of the session; continue from the last step above.`
		].join('\n');
	}
}
