// The part of the editor that needs no CodeMirror: writing drafts as the person types. Its own
// entry point so the IDE can keep drafts from its first paint while the editor itself (about
// 100 KB gzip of CodeMirror, from `$lib/editor`) loads only when a file opens.
export { DraftWriter, type DraftWriterOptions } from '../draft-writer';
export type { DraftSink, RestorableDraft } from '../types';
