export type {
	ChatImage,
	ChatItem,
	ChatTurn,
	MarkerCode,
	MarkerItem,
	NoticeCode,
	NoticeItem,
	SubagentProgress,
	SubagentStep,
	TextItem,
	ThinkingItem,
	ToolCard,
	ToolCardState,
	Transcript,
	TurnUsage,
	UserMessageItem
} from './view-model';
export {
	applyLiveEvent,
	applySessionEvent,
	beginTurn,
	closeDanglingTurn,
	emptyTranscript,
	endTurnLocally,
	fallbackSummary,
	replay,
	type ReducerOptions
} from './transcript-reducer';
export { subagentEvent, type ChatLiveEvent, type SubagentLiveEvent } from './chat-events';
export {
	contextStatusFromLive,
	contextStatusFromLog,
	type ContextStatusValue
} from './context-status';
export { formatTokens } from './format-tokens';
export {
	ensureMemoryFile,
	handleRememberCommand,
	NEW_MEMORY_TEXT,
	type ChatNoticeMessage,
	type MemoryWorkspace
} from './memory-file';
export { planText } from './plan';
export { retryCountdown } from './notices';
export { ChatSession } from './chat-session.svelte';
export { openProjectChat, type ProjectChatOptions } from './project-chat';
export type { ChatSessionOptions, SendResult, TurnRunner } from './chat-session-options';
export type { ChatSessionStore, SessionSummary } from './session-store';
export { PermissionPrompts } from './permission-prompts.svelte';
export {
	ChatRewind,
	BEFORE_REWIND_SUFFIX,
	type RewindHost,
	type RewindMode,
	type RewindRequest,
	type RewindUndo
} from './chat-rewind.svelte';
export { parseRewindCommand } from './rewind-command';
