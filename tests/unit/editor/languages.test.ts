import { describe, expect, it } from 'vitest';
import { ensureSyntaxTree, language } from '@codemirror/language';
import { EditorState, type Extension } from '@codemirror/state';
import { languageFor, languageIdFor, loadLanguage, type LanguageId } from '$lib/editor';

describe('languageIdFor', () => {
	it.each([
		['src/main.js', 'javascript'],
		['vite.config.mjs', 'javascript'],
		['a/b.cjs', 'javascript'],
		['App.jsx', 'jsx'],
		['src/main.ts', 'typescript'],
		['x.mts', 'typescript'],
		['x.cts', 'typescript'],
		['types/app.d.ts', 'typescript'],
		['App.tsx', 'tsx'],
		['src/routes/+page.svelte', 'svelte'],
		['index.html', 'html'],
		['old.HTM', 'html'],
		['style.css', 'css'],
		['package.json', 'json'],
		['README.md', 'markdown'],
		['docs/guide.markdown', 'markdown'],
		['MAIN.TS', 'typescript']
	])('%s → %s', (path, id) => {
		expect(languageIdFor(path)).toBe(id);
	});

	it.each(['.env', '.gitignore', 'Makefile', 'notes.txt', 'src.js/README', 'archive.tar.gz', ''])(
		'%s has no language',
		(path) => {
			expect(languageIdFor(path)).toBeNull();
		}
	);
});

/** Names of the syntax nodes a language's parser finds in `doc`. */
function nodeNames(extension: Extension, doc: string): string[] {
	const state = EditorState.create({ doc, extensions: extension });
	const names: string[] = [];
	ensureSyntaxTree(state, doc.length, 5000)?.iterate({
		enter: (node) => void names.push(node.name)
	});
	return names;
}

describe('loadLanguage', () => {
	it.each<[LanguageId, string, string]>([
		['javascript', 'let a = 1', 'VariableDeclaration'],
		['jsx', 'let a = <b/>', 'JSXElement'],
		['typescript', 'let a: number = 1', 'TypeAnnotation'],
		['tsx', 'let a: number = <b/>', 'JSXElement'],
		['svelte', '{#if a}<p>x</p>{/if}', 'IfBlock'],
		['html', '<p>x</p>', 'Element'],
		['css', 'a { color: red }', 'RuleSet'],
		['json', '{"a": 1}', 'Property'],
		['markdown', '# Title', 'ATXHeading1']
	])('%s parses %j into a %s', async (id, doc, node) => {
		expect(nodeNames(await loadLanguage(id), doc)).toContain(node);
	});

	it('tells JavaScript and TypeScript apart', async () => {
		const name = async (id: LanguageId) =>
			EditorState.create({ extensions: await loadLanguage(id) }).facet(language)?.name;
		expect(await name('javascript')).toBe('javascript');
		expect(await name('typescript')).toBe('typescript');
	});

	it('gives plain text for unknown files', async () => {
		const state = EditorState.create({ extensions: await languageFor('notes.txt') });
		expect(state.facet(language)).toBeNull();
	});
});
