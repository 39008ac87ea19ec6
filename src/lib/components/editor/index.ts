// The editor pane. Editor.svelte and the editor session pull in CodeMirror, so they are reached
// only through loadEditor() (one chunk, loaded when a file opens or in idle time); what is
// exported here statically stays light enough for the IDE's first paint.
export { loadEditor, preloadEditor, type EditorModule } from './load-editor';
export { LazyEditor, type LazyEditorOptions } from './lazy-editor.svelte';
export { default as EditorPlaceholder } from './EditorPlaceholder.svelte';
