export { default as Editor } from './Editor.svelte';
export { default as EditorTabs } from './EditorTabs.svelte';
export { default as FileNotices } from './FileNotices.svelte';
