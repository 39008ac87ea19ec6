// Context engineering: token estimates, the model table, usage totals, clearing, compaction and
// request snapshots for the inspector.
export {
	clearedPlaceholder,
	clearedToolCallIds,
	planClearing,
	viewStart,
	type ClearingPlan
} from './clearing';
export {
	buildReinjection,
	compactedContextText,
	compactionInstruction,
	compactionRequest,
	recentlyUsedPaths,
	truncateToTokens,
	type ReinjectionSources
} from './compaction';
export {
	inputLimit,
	modelInfo,
	withContextWindow,
	UNKNOWN_MODEL,
	ZERO_PRICES,
	type ModelInfo,
	type ModelPrices
} from './models';
export {
	contextThresholds,
	DEFAULT_CONTEXT_POLICY,
	type ContextPolicy,
	type Thresholds
} from './policy';
export {
	currentReasoning,
	modeReminder,
	reasoningChange,
	reasoningReminder,
	wrapReminder
} from './reminders';
export { formatSessionContext, type SessionContextParts } from './session-context';
export {
	estimateMessageTokens,
	estimateRequestTokens,
	countedTexts,
	rebuildRequest,
	requestUsage,
	sessionRequests,
	snapshotRequest
} from './snapshot';
export {
	countableParts,
	countAhead,
	countTokens,
	countTokensOnce,
	currentTokenCounter,
	knownTokenCount,
	loadTokenizer,
	tokenizerReady,
	tokenUpperBound,
	warmTokenCounts
} from './tokens';
export { warmSessionTokenCounts } from './warm-counts';
export {
	cacheReadShare,
	contextTokens,
	costOf,
	latestContextSize,
	sessionTotals,
	type UsageTotals
} from './usage';
export {
	catalogEntry,
	loadModelCatalog,
	modelCatalogReady,
	type CatalogEntry,
	type CatalogProvider
} from './model-catalog';
export {
	refreshModelCatalog,
	type CatalogCache,
	type RefreshOptions,
	type RefreshOutcome
} from './model-catalog-refresh';
