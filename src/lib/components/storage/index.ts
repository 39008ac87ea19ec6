export { default as StorageStatus } from './StorageStatus.svelte';
export { default as SaveNotice } from './SaveNotice.svelte';
