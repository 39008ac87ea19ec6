// The context UI: the "Context" status, the context inspector, and transcript markers.
export { default as ContextStatus } from './ContextStatus.svelte';
export { default as ContextInspector } from './ContextInspector.svelte';
export { default as ContextMarker } from './ContextMarker.svelte';
export { contextFill, formatContextStatus } from './format-status';
export {
	cacheUse,
	inspectRequests,
	LAYER_LABELS,
	requestJson,
	requestLine,
	type CacheUse,
	type InspectedRequest,
	type LayerRow
} from './inspector-model';
