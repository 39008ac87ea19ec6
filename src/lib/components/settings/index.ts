export { default as SettingsDialog } from './SettingsDialog.svelte';
