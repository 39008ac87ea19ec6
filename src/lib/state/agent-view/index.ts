// What the UI shows of the agent, re-exported here so that components never import $lib/agent:
// the permission prompt and modes, and the pieces the context inspector rebuilds requests with.
// Its own entry point, not part of $lib/state's: it reaches the tools (and their diff library),
// which the project list must not load for its first paint.
export {
	AGENT_MODES,
	isAgentMode,
	modeLabel,
	permissionAction,
	type PermissionAnswer,
	type PermissionPrompt,
	type RuleAction
} from '../../agent/permissions';
export {
	cacheReadShare,
	costOf,
	loadModelCatalog,
	modelCatalogReady,
	modelInfo,
	rebuildRequest,
	sessionRequests,
	type ModelInfo
} from '../../agent/context';
export type { AgentMode, RequestLayerName, RequestSnapshot, SessionEvent } from '../../session';
