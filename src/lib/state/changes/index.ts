export type { ChangeScope, ChangeSource, FileChange } from './change-source';
export { diffFiles } from './diff-files';
export { CheckpointChangeSource, type CheckpointSourceOptions } from './checkpoint-source';
