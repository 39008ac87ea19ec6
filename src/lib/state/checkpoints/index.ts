export {
	captureWorkspace,
	describeSkipped,
	settleWorkspace,
	MAX_CHECKPOINT_FILE_BYTES,
	type CheckpointWorkspace,
	type WorkspaceCapture
} from './capture';
export { restoreCheckpoint, type RestoreResult } from './restore';
export {
	TurnCheckpoints,
	userTurnCount,
	type TurnCheckpointsOptions,
	type TurnHandle
} from './turn-checkpoints';
