// Getting projects in and out: Import (project list), Export (IDE), drops on the file tree.
export { default as ImportDialog } from './ImportDialog.svelte';
export { default as ExportButton } from './ExportButton.svelte';
export { default as TreeDropZone } from './TreeDropZone.svelte';
