export { ProcessesView } from './processes-view.svelte';
