// The person's unsaved editor text, kept per project. Its own entry point rather than part of
// $lib/state's: only the IDE keeps drafts. It needs no CodeMirror (the editor session is asked
// for through an EditorSource, so the editor chunk loads only when a draft or a file needs it).
export { ProjectDrafts, type EditorSource } from './project-drafts.svelte';
