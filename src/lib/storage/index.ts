export {
	openStorage,
	closeStorage,
	getSchemaVersion,
	runMigrations,
	migrations,
	CURRENT_SCHEMA_VERSION,
	type Migration
} from './migrations';
export { DATABASE_NAMES, type KilnStores } from './stores';
export {
	listProjects,
	getProject,
	createProject,
	renameProject,
	touchProject,
	recordProjectSize,
	noteProjectEdited,
	projectNameProblem,
	lastOpened,
	PROJECT_NAME_MAX_CHARS,
	type ProjectMeta,
	type CreateProjectInput
} from './projects';
export { deleteProject } from './project-deletion';
export { duplicateProject, measureProjectBytes, copyName } from './project-copy';
export { renameSession, sessionTitleProblem, SESSION_TITLE_MAX_CHARS } from './session-meta';
export { dataBytes } from './byte-size';
export {
	loadProjectSnapshot,
	putFile,
	putFiles,
	putDir,
	deleteFiles,
	applyFileOps,
	type FileData,
	type FileOp,
	type ProjectSnapshot,
	type StoredEntry
} from './project-files';
export {
	projectPersistence,
	type ProjectPersistence,
	type ProjectPersistenceOptions,
	type SaveQueueState
} from './project-persistence';
export { backoffMs } from './save-queue';
export { getSetting, getCheckedSetting, setSetting, deleteSetting } from './settings';
export {
	listQuarantined,
	setAsideSummaries,
	onSetAside,
	dismissSetAside,
	SET_ASIDE_WHERE,
	type QuarantinedRecord,
	type RecordKind,
	type SetAsideSummary
} from './quarantine';
export { loadPermissionRules, permissionRulesKey, savePermissionRules } from './permission-rules';
export {
	requestPersistentStorage,
	persistenceState,
	storageEstimate,
	type PersistenceState,
	type StorageEstimate
} from './browser-storage';
export {
	createSession,
	listSessions,
	getSession,
	appendSessionEvent,
	loadSessionEvents,
	deleteSession,
	deleteProjectSessions,
	storeSubagentTranscript,
	loadSubagentTranscript,
	subagentTranscriptId,
	sessionLog,
	titleFromText,
	type SessionMeta,
	type CreateSessionInput
} from './sessions';
export { branchSession, retitleSession, type BranchedSessionMeta } from './session-branch';
export {
	putDraft,
	deleteDraft,
	loadProjectDrafts,
	deleteProjectDrafts,
	type Draft
} from './drafts';
export {
	ProjectOwnership,
	listenForSavedFiles,
	type OwnershipState,
	type OwnershipMessage,
	type ChannelLike,
	type LockRequester,
	type ProjectOwnershipOptions
} from './project-ownership';
export { preclaimLock, preclaimProject, type PreclaimedLocks } from './project-preclaim';
export { sessionEventSchema } from './event-schema';
export { loadStoredPaths, type StoredState } from './file-sync';
export {
	createCheckpoint,
	warmNewestCheckpoint,
	listCheckpoints,
	loadCheckpoint,
	loadCheckpointList,
	deleteProjectCheckpoints,
	copyCheckpoint,
	collectCheckpointGarbage,
	deleteSessionCheckpoints,
	type CheckpointGarbage,
	type CheckpointFileStat,
	type CheckpointMeta,
	type CheckpointReason,
	type CheckpointSkip,
	type CreateCheckpointInput,
	type ListedCheckpoint,
	type LoadedCheckpoint
} from './checkpoints';
// The blobs of the files that differ, after loadCheckpointList (state/changes/list-diff.ts).
export { readBlobs as readCheckpointBlobs, type ManifestEntry } from './checkpoint-records';
export {
	collectImageGarbage,
	loadSessionImages,
	putSessionImage,
	type StoredImage
} from './session-images';
