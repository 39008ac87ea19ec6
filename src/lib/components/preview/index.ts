export { default as Preview } from './Preview.svelte';
export { addressFor, hrefFor, previewRoot } from './preview-address';
