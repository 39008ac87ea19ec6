export { default as ProcessesPanel } from './ProcessesPanel.svelte';
