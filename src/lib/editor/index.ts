export { EditorSession, externalChange } from './editor-session.svelte';
export type {
	DraftSink,
	EditorSessionOptions,
	OpenFile,
	OpenFileStatus,
	RestorableDraft,
	SaveConflict,
	SaveConflictAnswer
} from './types';
export { DraftWriter, type DraftWriterOptions } from './draft-writer';
export { textHash } from './text-hash';
export { languageIdFor, loadLanguage, languageFor, type LanguageId } from './languages';
export { themeFor, systemColorScheme, type ColorScheme } from './theme';
export { fileExtensions, type FileExtensionsOptions } from './extensions';
export { HUGE_FILE_BYTES, formatSize } from './limits';
export { minimalReplacement } from './minimal-replacement';
export { revealSpec, type FilePosition } from './reveal';
export type { OpenOptions } from './types';
export { EDITOR_KEYS_HELP, EDITOR_KEYS_HELP_ID } from './keymaps';
