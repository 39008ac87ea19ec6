// What the IDE needs of the agent before the first send: the modes, the wording of a permission
// question and of plan approval, chat commands, the model table and catalog, how full a
// session's context is, the project memory file and the person's edits. Every export comes from
// a module that reaches neither the tools (their zod schemas), the loop, the subagents nor the
// outline parsers: those load on first send (state/chat/agent-loader.ts prefetches them in idle
// time), so the IDE's route bundle stays light. Import from here, not from `agent`'s index, in
// anything the IDE's first paint reaches.
export { parseCompactCommand } from '../compact-command';
export {
	AGENT_MODES,
	DEFAULT_MODE,
	isAgentMode,
	modeLabel,
	storedMode
} from '../permissions/modes';
export { permissionAction } from '../permissions/prompt-wording';
export { planApprovedMessage } from '../permissions/reminders';
export { inputLimit, modelInfo, type ModelInfo } from '../context/models';
export { imageTokens, modelAcceptsImages } from '../context/images';
export {
	loadModelCatalog,
	modelCatalogReady,
	whenModelCatalogLoaded
} from '../context/model-catalog';
export {
	refreshModelCatalog,
	type CatalogCache,
	type RefreshOutcome
} from '../context/model-catalog-refresh';
export { cacheReadShare, costOf, latestContextSize, sessionTotals } from '../context/usage';
export { requestUsage, sessionRequests } from '../context/requests';
export {
	MEMORY_FILE,
	NEW_MEMORY_HEADING,
	parseRememberCommand,
	rememberNote
} from '../project/memory';
export { trackUserEdits } from '../project/user-edits';
export { loadOutliner } from '../project/outline/load-outliner';
