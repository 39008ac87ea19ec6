export { default as ChatPanel } from './ChatPanel.svelte';
export { formatTokens, formatUsage, formatDuration } from './format';
