// The agent loop and its vocabulary: what the chat UI and the CLI use.
export {
	Agent,
	DEFAULT_MAX_CONSECUTIVE_TOOL_FAILURES,
	DEFAULT_MAX_STEPS,
	DEFAULT_MAX_TOKENS,
	parseCompactCommand,
	type AgentOptions,
	type TurnOptions,
	type TurnResult
} from './agent';
export * from './context';
export { createProjectAgent, projectAgentOptions, type ProjectAgentInput } from './project-agent';
export { PROJECT_MAP_TOKENS, prepareSessionContext } from './session-context-ahead';
export { memorySessionLog, type SessionLog } from './session-log';
export { buildSystemPrompt, describeEnvironment } from './system-prompt';
export {
	buildMessages,
	buildRequest,
	sessionContextText,
	type BuildRequestInput
} from './request-builder';
export { CANCELLED_TEXT, STOPPED_TEXT } from './tool-calls';
export type {
	AgentError,
	AgentMode,
	LiveEvent,
	RequestLayer,
	RequestLayerName,
	RequestSnapshot,
	SessionEvent,
	ToolCallState,
	TurnEndReason
} from './types';
