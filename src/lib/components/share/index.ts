export { default as ShareDialog } from './ShareDialog.svelte';
export { default as OpenSharedLink } from './OpenSharedLink.svelte';
