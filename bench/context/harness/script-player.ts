/**
 * Hands the scripted model's answers out one request at a time. The agent decides when it
 * compacts, so the script cannot say in advance which request is a summary request: each
 * request is answered by its kind (the agent records it in a 'request' event just before
 * sending), steps in script order, summaries made up from what the session did so far.
 */
import type { Turn } from '../../../tooling/mock-model';
import type { BenchSession, ScriptedCall, ScriptedStep } from '../sessions';
import { isAnsweredFromPaste, PASTE_CALL_PREFIX, withHiddenReads } from './paste';

export type RequestKind = 'step' | 'compaction';

/** For the whole-project baseline (paste.ts): the project is in the prompt. */
export interface PastedProject {
	/** Whether a file exists right now (an overwrite of one needs a hidden read first). */
	exists(path: string): boolean;
}

/** A call as played: `hidden` for the pasted project's reads before edits (paste.ts). */
type PlayedCall = ScriptedCall & { hidden?: boolean };

export class ScriptPlayer {
	readonly #session: BenchSession;
	readonly #steps: { step: ScriptedStep; turn: number }[];
	readonly #paste: PastedProject | undefined;
	#next = 0;
	#pendingPauseMs = 0;
	/** Requests that found no scripted step left (the agent asked more than the script holds). */
	extraRequests = 0;
	/** Scripted calls the pasted project answered (never made). */
	answeredFromPaste = 0;

	constructor(session: BenchSession, paste?: PastedProject) {
		this.#session = session;
		this.#paste = paste;
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
		const { text, calls }: { text: string; calls: PlayedCall[] } = this.#paste
			? this.#pastedStep(entry)
			: entry.step;
		return {
			label: `step ${index}`,
			text,
			pauseMs,
			toolCalls: calls.map((call, n) => ({
				// A hidden read (paste.ts) is named so that stripPasteCalls can find it.
				id: `${call.hidden ? PASTE_CALL_PREFIX : 'toolu_bench_'}${index}_${n}`,
				name: call.name,
				input: call.input
			}))
		};
	}

	/**
	 * The step a model holding the project would take from here: calls it can answer from the
	 * paste are dropped, and a step left with none is merged into the next one of its turn.
	 */
	#pastedStep(first: { step: ScriptedStep; turn: number }): {
		text: string;
		calls: PlayedCall[];
	} {
		const texts: string[] = [];
		let entry = first;
		for (;;) {
			texts.push(entry.step.text);
			const kept = entry.step.calls.filter((call) => !isAnsweredFromPaste(call));
			this.answeredFromPaste += entry.step.calls.length - kept.length;
			const next = this.#steps[this.#next];
			// A step with calls never ends a turn, so the merge always finds a step to join.
			if (kept.length > 0 || entry.step.calls.length === 0 || next?.turn !== entry.turn) {
				const calls = withHiddenReads(kept, this.#paste!.exists);
				return {
					text: texts.join('\n\n'),
					calls: calls.map((call) => (kept.includes(call) ? call : { ...call, hidden: true }))
				};
			}
			entry = next;
			this.#next++;
		}
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
