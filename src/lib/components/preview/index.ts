export { default as Preview } from './Preview.svelte';
export { default as ConsolePanel } from './ConsolePanel.svelte';
export { default as ConsoleBadge } from './ConsoleBadge.svelte';
export { addressFor, hrefFor, previewRoot } from './preview-address';
export { countWords, filterEntries, LEVEL_GROUPS, requestLine } from './console-filter';
