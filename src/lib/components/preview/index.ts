export { default as Preview } from './Preview.svelte';
export { default as ConsoleBadge } from './ConsoleBadge.svelte';
// ConsolePanel is not listed: it loads after the first paint (the IDE's lazy-parts.ts imports it).
export { addressFor, hrefFor, previewRoot } from './preview-address';
export { filterEntries, KIND_TAGS, LEVEL_GROUPS, requestLine } from './console-filter';
export { countWords, pageCounts } from './console-counts';
