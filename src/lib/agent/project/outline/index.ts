// Types only: the grammars load on first use (load-outliner.ts), each in a task of its own.
import type { outlineCss } from './css';
import type { outlineHtml } from './html';
import type { outlineScript, ScriptDialect } from './javascript';
import type { outlineMarkdown } from './markdown';
import { extensionOf } from './extension';

/** The outliners of each language, with their Lezer grammars, once loaded. */
export interface OutlineLanguages {
	readonly outlineScript: typeof outlineScript;
	readonly outlineCss: typeof outlineCss;
	readonly outlineHtml: typeof outlineHtml;
	readonly outlineMarkdown: typeof outlineMarkdown;
}

const SCRIPT_DIALECTS: Record<string, ScriptDialect> = {
	ts: 'ts',
	mts: 'ts',
	cts: 'ts',
	tsx: 'ts jsx',
	js: 'jsx',
	jsx: 'jsx',
	mjs: '',
	cjs: ''
};

const COMPONENT_SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script>/gi;

/** Whether `outlineFile` knows the file's language. */
export function canOutline(path: string): boolean {
	const extension = extensionOf(path);
	return (
		extension in SCRIPT_DIALECTS ||
		['css', 'html', 'htm', 'md', 'markdown', 'svelte', 'vue'].includes(extension)
	);
}

/**
 * The definitions a file contributes to the project map, one per line (no indentation), or []
 * for a language the map does not outline. Parsing uses the editor's own Lezer grammars.
 */
export function outlineFile(languages: OutlineLanguages, path: string, text: string): string[] {
	const extension = extensionOf(path);
	const dialect = SCRIPT_DIALECTS[extension];
	if (dialect !== undefined) return languages.outlineScript(text, dialect);
	switch (extension) {
		case 'css':
			return languages.outlineCss(text);
		case 'html':
		case 'htm':
			return languages.outlineHtml(text);
		case 'md':
		case 'markdown':
			return languages.outlineMarkdown(text);
		case 'svelte':
		case 'vue':
			return outlineComponent(languages, text);
		default:
			return [];
	}
}

/** Svelte and Vue components: the outline of their <script> blocks (module script first). */
function outlineComponent({ outlineScript }: OutlineLanguages, text: string): string[] {
	const lines: string[] = [];
	for (const match of text.matchAll(COMPONENT_SCRIPT)) {
		const attributes = match[1] ?? '';
		const isTs = /\blang\s*=\s*["']?ts\b/i.test(attributes);
		lines.push(...outlineScript(match[2] ?? '', isTs ? 'ts' : 'jsx'));
	}
	return lines;
}
