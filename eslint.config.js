import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

// The layers under src/lib and what each may import (its own folder aside). Data flows one way:
// components → state → agent → tools → workspace → runtime, with providers under the agent,
// storage under state, and session (the event vocabulary) under both agent and storage.
// docs/ARCHITECTURE.md describes each layer.
/** What both the state layer and the UI may use, besides each other and the agent. */
const BELOW_STATE = [
	'session',
	'providers',
	'storage',
	'share',
	'editor',
	'preview',
	'tools',
	'workspace',
	'runtime',
	'templates',
	'perf',
	'errors'
];
const LAYERS = {
	errors: [],
	perf: [],
	runtime: ['errors'],
	// perf: the User Timing mark of a model request leaving the page.
	providers: ['perf', 'errors'],
	templates: ['errors'],
	preview: ['errors'],
	workspace: ['runtime', 'errors'],
	tools: ['workspace', 'runtime', 'errors'],
	session: ['providers', 'tools', 'runtime', 'errors'],
	agent: ['session', 'providers', 'tools', 'workspace', 'runtime', 'errors'],
	storage: ['session', 'providers', 'workspace', 'runtime', 'errors'],
	editor: ['workspace', 'runtime', 'errors'],
	share: ['storage', 'session', 'workspace', 'templates', 'errors'],
	state: ['agent', ...BELOW_STATE],
	// Everything below state except the agent: the UI reaches the agent only through state.
	components: ['state', ...BELOW_STATE]
};
// share may name the agent's, providers' and runtime's types (session documents, new projects).
const TYPES_ONLY = { share: ['agent', 'providers', 'runtime'] };
// The entry points beside src/lib (their files reach src/lib through `../lib/` or `$lib/`).
const ENTRIES = {
	routes: [...LAYERS.components, 'components'],
	cli: ['agent', 'session', 'providers', 'storage', 'tools', 'workspace', 'runtime', 'errors'],
	'preview-origin': ['preview', 'errors']
};
const ALL_LAYERS = Object.keys(LAYERS);
// Only these may import SvelteKit's $app modules (the preview's IDE side asks for paths).
const APP_USERS = ['components', 'state', 'preview', 'routes'];
const MAX_DEPTH = 4;

const LIB = fileURLToPath(new URL('./src/lib', import.meta.url));
// A new folder under src/lib must be placed in the table, or its imports would go unchecked.
for (const entry of readdirSync(LIB, { withFileTypes: true })) {
	if (entry.isDirectory() && !Object.hasOwn(LAYERS, entry.name)) {
		throw new Error(
			`src/lib/${entry.name} is not in LAYERS (eslint.config.js): say what it may import.`
		);
	}
}

// Folders with an index.ts, as imported from elsewhere: `runtime`, `runtime/node`, `state/chat`…
const INDEXED = readdirSync(LIB, { recursive: true })
	.map((file) => String(file).replaceAll('\\', '/'))
	.filter((file) => file === 'index.ts' || file.endsWith('/index.ts'))
	.map((file) => file.slice(0, -'/index.ts'.length))
	.filter((folder) => folder !== '');

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const alternatives = (names) => names.map(escape).join('|');

/** no-restricted-imports patterns for a file whose imports reach src/lib through `up`. */
function layerPatterns(own, allowed, up) {
	const lib = `^(?:\\$lib/|${escape(up)})`;
	const typesOnly = TYPES_ONLY[own] ?? [];
	const forbidden = ALL_LAYERS.filter(
		(layer) => layer !== own && !allowed.includes(layer) && !typesOnly.includes(layer)
	);
	const patterns = [
		{
			regex: `${lib}(?!${escape(own)}(?:/|$))(?!(?:${alternatives(INDEXED)})(?:/index(?:\\.[jt]s)?)?$)(?!(?:[^/]+/)*[A-Z][^/]*\\.svelte$)[^/]+/`,
			caseSensitive: true,
			message:
				'Import another layer only through a folder’s index.ts (its public API), e.g. $lib/runtime, not $lib/runtime/paths.'
		}
	];
	if (forbidden.length > 0) {
		patterns.push({
			regex: `${lib}(?:${alternatives(forbidden)})(?:/|$)`,
			message: `${own} may import only ${[...allowed, ...typesOnly.map((l) => `${l} (types)`)].join(', ') || 'nothing else'}: data flows one way (see docs/ARCHITECTURE.md).`
		});
	}
	if (typesOnly.length > 0) {
		patterns.push({
			regex: `${lib}(?:${alternatives(typesOnly)})(?:/index(?:\\.[jt]s)?)?$`,
			allowTypeImports: true,
			message: `${own} may use only types from ${typesOnly.join(', ')}.`
		});
	}
	if (!APP_USERS.includes(own)) {
		patterns.push({
			regex: '^\\$app/',
			message: `SvelteKit's $app modules are for the UI; ${own} must also run in the CLI and tests.`
		});
	}
	return patterns;
}

function layerBlocks(root, table, upFor) {
	return Object.entries(table).flatMap(([own, allowed]) =>
		Array.from({ length: MAX_DEPTH + 1 }, (_, depth) => {
			const folder = `${root}/${own}/${'*/'.repeat(depth)}`;
			const up = upFor(depth);
			const patterns = layerPatterns(own, allowed, up);
			// A relative path that climbs out of src/lib lands in an entry point, which nothing imports.
			if (root === 'src/lib') {
				patterns.push({
					regex: `^${escape(up)}\\.\\./`,
					message: 'src/lib does not import src/cli, src/routes or src/preview-origin.'
				});
			}
			return {
				files: [`${folder}*.ts`, `${folder}*.js`, `${folder}*.svelte`],
				rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns }] }
			};
		})
	);
}

export default ts.config(
	{
		ignores: [
			'build/',
			'build-preview/',
			'.svelte-kit/',
			'node_modules/',
			'test-results/',
			'playwright-report/',
			'bench/results/',
			'dist/'
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
	...layerBlocks('src/lib', LAYERS, (depth) => '../'.repeat(depth + 1)),
	...layerBlocks('src', ENTRIES, (depth) => `${'../'.repeat(depth + 1)}lib/`),
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
