export { default as ChatPanel } from './ChatPanel.svelte';
export { renderMarkdown } from './markdown';
export { formatTokens, formatUsage, formatDuration } from './format';
