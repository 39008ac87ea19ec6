export { AppUpdate } from './app-update.svelte';
