export {
	CrashRun,
	expectIdeReopened,
	expectTurnMarkedInterrupted,
	INTERRUPTED_TOOL,
	INTERRUPTED_TURN
} from './crash-run';
export {
	checkProject,
	readProject,
	type Expectations,
	type StoredEvent,
	type StoredProject
} from './consistency';
export { readCheckpoints, type StoredCheckpoint, type StoredCheckpoints } from './checkpoints';
export { holdStore, readStore } from './idb-state';
export { launchKillable, type KillableBrowser } from './killable-browser';
export { chatOf, createProjectAt, modelRequests, sendMessage, stall } from './steps';
