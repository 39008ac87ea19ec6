export type {
	ChatItem,
	ChatTurn,
	NoticeCode,
	NoticeItem,
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
export {
	ChatSession,
	type ChatSessionOptions,
	type ChatSessionStore,
	type SendResult,
	type TurnRunner
} from './chat-session.svelte';
