// Getting projects in and out: Import (project list), Export (the IDE's top bar), drops on the file tree.
export { default as ImportDialog } from './ImportDialog.svelte';
export { default as ExportDialog } from './ExportDialog.svelte';
export { default as TreeDropZone } from './TreeDropZone.svelte';
