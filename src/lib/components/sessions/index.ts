// Chat sessions and their memory: resume a past chat, plan mode, the project's AGENTS.md.
export { default as SessionList } from './SessionList.svelte';
export { default as ModeSwitch } from './ModeSwitch.svelte';
export { default as MemoryButton } from './MemoryButton.svelte';
