import { outlineCss } from './css';
import { outlineHtml } from './html';
import { outlineScript, type ScriptDialect } from './javascript';
import { outlineMarkdown } from './markdown';

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
export function outlineFile(path: string, text: string): string[] {
	const extension = extensionOf(path);
	const dialect = SCRIPT_DIALECTS[extension];
	if (dialect !== undefined) return outlineScript(text, dialect);
	switch (extension) {
		case 'css':
			return outlineCss(text);
		case 'html':
		case 'htm':
			return outlineHtml(text);
		case 'md':
		case 'markdown':
			return outlineMarkdown(text);
		case 'svelte':
		case 'vue':
			return outlineComponent(text);
		default:
			return [];
	}
}

/** Svelte and Vue components: the outline of their <script> blocks (module script first). */
function outlineComponent(text: string): string[] {
	const lines: string[] = [];
	for (const match of text.matchAll(COMPONENT_SCRIPT)) {
		const attributes = match[1] ?? '';
		const isTs = /\blang\s*=\s*["']?ts\b/i.test(attributes);
		lines.push(...outlineScript(match[2] ?? '', isTs ? 'ts' : 'jsx'));
	}
	return lines;
}

export function extensionOf(path: string): string {
	const name = path.slice(path.lastIndexOf('/') + 1);
	const dot = name.lastIndexOf('.');
	return dot <= 0 ? '' : name.slice(dot + 1).toLowerCase();
}
