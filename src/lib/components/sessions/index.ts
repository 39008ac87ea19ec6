// Chat sessions and their memory: resume a past chat, the permission mode, the project's AGENTS.md.
export { default as SessionList } from './SessionList.svelte';
export { default as ModeSelect } from './ModeSelect.svelte';
export { default as MemoryButton } from './MemoryButton.svelte';
