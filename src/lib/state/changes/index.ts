export type { ChangeScope, ChangeSource, FileChange } from './change-source';
export { diffFiles } from './diff-files';
export { CheckpointChangeSource, type CheckpointSourceOptions } from './checkpoint-source';
export {
	ChangeReview,
	type AgentChangeStatus,
	type ChangeReviewOptions,
	type PendingRevert,
	type ScopeOption
} from './change-review.svelte';
export { changeDiff, MAX_DIFF_BYTES, type ChangeDiff } from './diff-sides';
export { revertChange, type RevertWorkspace } from './revert-change';
