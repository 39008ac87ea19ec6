import type { ProjectOptions } from '../fixture/generate-project';

/** One tool call the scripted model makes; the agent runs it with the real tools. */
export interface ScriptedCall {
	name: string;
	input: Record<string, unknown>;
}

/** One model step: some text and the tool calls of that step (none ends the turn). */
export interface ScriptedStep {
	text: string;
	calls: ScriptedCall[];
}

/** One user message and the model steps that answer it; the last step has no calls. */
export interface ScriptedTurn {
	prompt: string;
	/** Simulated time the person spends before sending this message (reading, thinking). */
	pauseMs: number;
	steps: ScriptedStep[];
}

export interface BenchSession {
	id: string;
	title: string;
	/** The generated project this session works on. */
	fixture: ProjectOptions;
	turns: ScriptedTurn[];
}

/** Model steps in a session (= model requests, when nothing is compacted). */
export function stepCount(session: BenchSession): number {
	return session.turns.reduce((sum, turn) => sum + turn.steps.length, 0);
}
