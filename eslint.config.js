import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default ts.config(
	{
		ignores: [
			'build/',
			'build-preview/',
			'.svelte-kit/',
			'node_modules/',
			'test-results/',
			'playwright-report/',
			'bench/results/'
		]
	},
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			'no-undef': 'off',
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
			]
		}
	},
	// Layers for src/lib/share: the UI and state use it through its index; it uses storage and
	// workspace through theirs, and only types from the layers beside them.
	{
		files: ['src/lib/share/**/*.ts'],
		rules: {
			'@typescript-eslint/no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: ['**/storage/*', '**/workspace/*', '$lib/storage/*', '$lib/workspace/*'],
							message: 'share imports storage and workspace only through their index.ts.'
						},
						{
							group: ['**/state', '**/state/*', '**/components', '**/components/*', '$app/*'],
							message: 'share sits below state and the UI: they import it, not the other way.'
						},
						{
							group: ['**/agent', '**/agent/*', '**/providers', '**/providers/*', '**/runtime/*'],
							allowTypeImports: true,
							message: 'share may use only types from agent, providers and runtime.'
						}
					]
				}
			]
		}
	},
	{
		files: ['src/**/*.ts', 'src/**/*.svelte'],
		ignores: ['src/lib/share/**'],
		rules: {
			'@typescript-eslint/no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: ['**/share/*', '$lib/share/*'],
							message: 'Import src/lib/share only through its index.ts.'
						}
					]
				}
			]
		}
	},
	{
		files: ['src/lib/{runtime,workspace,tools,agent,providers,storage,preview}/**/*.ts'],
		rules: {
			'@typescript-eslint/no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: ['**/share', '**/share/*', '$lib/share', '$lib/share/*'],
							message: 'share sits above this layer: it may import this layer, not the reverse.'
						}
					]
				}
			]
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	}
);
