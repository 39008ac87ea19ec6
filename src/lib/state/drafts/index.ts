// The person's unsaved editor text, kept per project. Its own entry point rather than part of
// $lib/state's: it pulls in the editor (CodeMirror), which pages that only list projects must
// not load for their first paint.
export { ProjectDrafts } from './project-drafts.svelte';
