export { default as ChangesPanel } from './ChangesPanel.svelte';
export { default as ChangeList } from './ChangeList.svelte';
export { default as ChangeDiffView } from './ChangeDiffView.svelte';
export { default as RevertDialog } from './RevertDialog.svelte';
