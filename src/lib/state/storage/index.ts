export { SaveStatus, saveStatus } from './save-status.svelte';
export { StorageStatus, STORAGE_WARN_RATIO } from './storage-status.svelte';
export { formatBytes } from './format-bytes';
