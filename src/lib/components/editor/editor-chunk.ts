// Everything the editor pane needs that pulls in CodeMirror, as one module: imported only through
// loadEditor(), so it becomes one chunk that the IDE's first paint does not wait for.
export { EditorSession } from '$lib/editor';
export { default as Editor } from './Editor.svelte';
