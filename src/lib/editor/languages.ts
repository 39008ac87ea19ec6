import type { Extension } from '@codemirror/state';

/** The languages the editor highlights. Anything else opens as plain text. */
export type LanguageId =
	'javascript' | 'jsx' | 'typescript' | 'tsx' | 'svelte' | 'html' | 'css' | 'json' | 'markdown';

const byExtension: Record<string, LanguageId> = {
	js: 'javascript',
	mjs: 'javascript',
	cjs: 'javascript',
	jsx: 'jsx',
	ts: 'typescript',
	mts: 'typescript',
	cts: 'typescript',
	tsx: 'tsx',
	svelte: 'svelte',
	html: 'html',
	htm: 'html',
	css: 'css',
	json: 'json',
	md: 'markdown',
	markdown: 'markdown'
};

/** The language of a file, chosen by its extension (case-insensitive); null for plain text. */
export function languageIdFor(path: string): LanguageId | null {
	const name = path.slice(path.lastIndexOf('/') + 1);
	const dot = name.lastIndexOf('.');
	// A leading dot is a hidden file's name (".env"), not an extension.
	if (dot <= 0) return null;
	return byExtension[name.slice(dot + 1).toLowerCase()] ?? null;
}

/**
 * Loads a language's CodeMirror support on first use: each grammar is a separate chunk, so a
 * project of CSS files never downloads the TypeScript parser.
 */
export async function loadLanguage(id: LanguageId): Promise<Extension> {
	switch (id) {
		case 'javascript':
		case 'jsx':
		case 'typescript':
		case 'tsx': {
			const { javascript } = await import('@codemirror/lang-javascript');
			return javascript({
				jsx: id === 'jsx' || id === 'tsx',
				typescript: id === 'typescript' || id === 'tsx'
			});
		}
		case 'svelte': {
			const { svelte } = await import('@replit/codemirror-lang-svelte');
			return svelte();
		}
		case 'html': {
			const { html } = await import('@codemirror/lang-html');
			return html();
		}
		case 'css': {
			const { css } = await import('@codemirror/lang-css');
			return css();
		}
		case 'json': {
			const { json } = await import('@codemirror/lang-json');
			return json();
		}
		case 'markdown': {
			const { markdown } = await import('@codemirror/lang-markdown');
			return markdown();
		}
	}
}

/** The language support for a path, or no extension for plain text. */
export async function languageFor(path: string): Promise<Extension> {
	const id = languageIdFor(path);
	return id ? loadLanguage(id) : [];
}
