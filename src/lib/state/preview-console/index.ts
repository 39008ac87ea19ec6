export { PreviewConsole, PREVIEW_CONSOLE_LIMIT } from './preview-console.svelte';
