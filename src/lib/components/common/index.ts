export { default as ConfirmDialog } from './ConfirmDialog.svelte';
export { default as Dialog } from './Dialog.svelte';
export { default as Spinner } from './Spinner.svelte';
export { default as StorageNotice } from './StorageNotice.svelte';
export { visibleName } from './visible-name';
export { default as NameField } from './NameField.svelte';
export { default as CornerNotice } from './CornerNotice.svelte';
export { default as Lazy } from './Lazy.svelte';
