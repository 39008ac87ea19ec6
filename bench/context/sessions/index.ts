// The scripted sessions of the context benchmark.
import { bugHuntSession } from './bug-hunt';
import { featureBuildSession } from './feature-build';
import { refactorSession } from './refactor';
import type { BenchSession } from './types';

export { SessionBuilder } from './session-builder';
export {
	stepCount,
	type BenchSession,
	type ScriptedCall,
	type ScriptedStep,
	type ScriptedTurn
} from './types';

/** Every session, built fresh (they are deterministic). */
export function allSessions(): BenchSession[] {
	return [featureBuildSession(), bugHuntSession(), refactorSession()];
}
