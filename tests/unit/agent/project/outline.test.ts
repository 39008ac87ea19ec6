import { beforeAll, describe, expect, it } from 'vitest';
import { canOutline, loadOutliner, type Outliner } from '../../../../src/lib/agent/project';

let outlineFile: Outliner;
beforeAll(async () => {
	outlineFile = await loadOutliner();
});

describe('outlineFile', () => {
	it('lists TypeScript definitions without their bodies', () => {
		const source = `import { x } from './x';
export function add(a: number, b = 2): number { return a + b; }
export default class Calc<T> extends Base implements Shape {
	total = 0;
	private hidden = 1;
	static create(): Calc<number> { return new Calc(); }
	get size() { return 1; }
	constructor() { super(); }
	#secret() {}
}
export const double = async (n: number) => n * 2, ANSWER = 42;
const internal = 5;
const helper = function (s: string) {};
export interface Shape { area(): number; name: string }
export type Id = string | number;
enum Color { Red, Green }
export { add as plus } from './math';
export * from './more';
export default defineConfig({ plugins: [] });
`;
		expect(outlineFile('src/calc.ts', source)).toEqual([
			'export function add(a: number, b = 2): number',
			'export default class Calc<T> extends Base implements Shape { total, static create(), get size }',
			'export const double = async (n: number) =>',
			'export const ANSWER',
			'const helper = function(s: string)',
			'export interface Shape { area(), name }',
			'export type Id = string | number',
			'enum Color { Red, Green }',
			"export { add as plus } from './math'",
			"export * from './more'",
			'export default defineConfig({ plugins: [] })'
		]);
	});

	it('reads JSX in .jsx/.tsx files, and the scripts of Svelte components', () => {
		expect(
			outlineFile(
				'src/App.tsx',
				'export function App(): JSX.Element { return <div id="a">{1 < 2}</div>; }'
			)
		).toEqual(['export function App(): JSX.Element']);
		expect(outlineFile('src/app.jsx', 'export const App = () => <main />;')).toEqual([
			'export const App = () =>'
		]);
		const component = `<script module lang="ts">
	export const prerender = true;
</script>
<script lang="ts">
	let { title, count = 0 }: Props = $props();
	function increment(step: number) { count += step; }
</script>
<h1>{title}</h1>`;
		expect(outlineFile('src/Counter.svelte', component)).toEqual([
			'export const prerender',
			'let { title, count = 0 }: Props = $props()',
			'function increment(step: number)'
		]);
	});

	it('lists CSS selectors, custom properties, at-rules and nested rules', () => {
		const css = `@import url("reset.css");
:root { --accent: #f60; --gap: 4px; }
.a, .b > p { color: red; }
#main:hover { }
@media (max-width: 40em) { .a { x: y; } nav ul { } }
@keyframes pulse { from {} to {} }`;
		expect(outlineFile('style.css', css)).toEqual([
			'@import url("reset.css");',
			':root { --accent, --gap }',
			'.a, .b > p | #main:hover',
			'@media (max-width: 40em)',
			'  .a | nav ul',
			'@keyframes pulse'
		]);
	});

	it('lists an HTML page title, ids, scripts and stylesheets', () => {
		const html = `<!doctype html><html><head><title> My  page </title>
<link rel="stylesheet" href="css/site.css"><link rel="icon" href="x.ico">
<script type="module" src="/src/main.js"></script><script>inline()</script></head>
<body><div id="root"></div><canvas id=board></canvas></body></html>`;
		expect(outlineFile('index.html', html)).toEqual([
			'title: My page',
			'ids: #root, #board',
			'scripts: /src/main.js',
			'stylesheets: css/site.css'
		]);
	});

	it('lists Markdown headings, not lines in code blocks', () => {
		const md =
			'# Title\n\ntext\n\n## Usage ##\n\n```\n# comment\n```\n\nSetext\n======\n\n> # quoted\n';
		expect(outlineFile('README.md', md)).toEqual(['# Title', '## Usage', '# Setext']);
	});

	it('knows which files it can outline', () => {
		for (const path of ['a.ts', 'b.mjs', 'c.svelte', 'd.css', 'e.HTML', 'f.md']) {
			expect(canOutline(path)).toBe(true);
		}
		for (const path of ['a.json', 'b.png', 'Makefile', '.env'])
			expect(canOutline(path)).toBe(false);
		expect(outlineFile('data.json', '{"a":1}')).toEqual([]);
	});
});
