// What the UI shows of the agent, re-exported here so that components never import $lib/agent:
// the permission prompt and modes, and the pieces the context inspector rebuilds requests with.
// Its own entry point, not part of $lib/state's. Everything it loads up front comes from the
// agent's light entry (agent/light): rebuilding a request needs the tools' definitions, so that
// part loads with the agent's code, when the inspector asks for it.
import type { SessionEvent } from '../../session';

export type { PermissionAnswer, PermissionPrompt, RuleAction } from '../../agent/permissions';
export {
	AGENT_MODES,
	cacheReadShare,
	costOf,
	isAgentMode,
	loadModelCatalog,
	modelCatalogReady,
	modelInfo,
	modeLabel,
	permissionAction,
	sessionRequests,
	type ModelInfo
} from '../../agent/light';
export type { AgentMode, RequestLayerName, RequestSnapshot, SessionEvent } from '../../session';

/**
 * The exact request the 'request' event at `index` stood for, rebuilt from the log (the agent's
 * rebuildRequest, loaded on demand). Rejects with the agent's explanation when it cannot be.
 */
export async function rebuildRequest(
	events: readonly SessionEvent[],
	index: number
): Promise<unknown> {
	const context = await import('../../agent/context');
	return context.rebuildRequest(events, index);
}
