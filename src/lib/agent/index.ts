// The agent loop and its vocabulary: what the chat UI and the CLI use.
export {
	Agent,
	DEFAULT_MAX_CONSECUTIVE_TOOL_FAILURES,
	DEFAULT_MAX_STEPS,
	DEFAULT_MAX_TOKENS,
	type AgentOptions,
	type TurnOptions,
	type TurnResult
} from './agent';
export { memorySessionLog, type SessionLog } from './session-log';
export { buildSystemPrompt, describeEnvironment } from './system-prompt';
export { buildMessages, buildRequest, type BuildRequestInput } from './request-builder';
export { CANCELLED_TEXT, STOPPED_TEXT } from './tool-calls';
export type { AgentError, LiveEvent, SessionEvent, ToolCallState, TurnEndReason } from './types';
