import { Script } from 'node:vm';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { getTemplate, templates } from '../../../src/lib/templates';

function template(id: string) {
	const found = getTemplate(id);
	if (!found) throw new Error(`No template ${id}`);
	return found;
}

/** Local files an HTML page loads (href and src attributes), as project paths. */
function referencedFiles(html: string): string[] {
	return [...html.matchAll(/\s(?:href|src)="([^"]+)"/g)].map((match) =>
		match[1]!.replace(/^\.?\//, '')
	);
}

/** Type-checks a template's TypeScript with its own tsconfig (types from this repo's node_modules). */
function typeCheck(files: Record<string, string>): string[] {
	const root = path.join(process.cwd(), '.template-check');
	const virtual = new Map(
		Object.entries(files).map(([name, text]) => [path.join(root, name), text])
	);
	const config = ts.parseConfigFileTextToJson('tsconfig.json', files['tsconfig.json']!);
	const parsed = ts.parseJsonConfigFileContent(
		config.config,
		{
			...ts.sys,
			fileExists: (name) => virtual.has(name) || ts.sys.fileExists(name),
			readFile: (name) => virtual.get(name) ?? ts.sys.readFile(name),
			readDirectory: () => [...virtual.keys()].filter((name) => /\.tsx?$/.test(name))
		},
		root
	);
	const host = ts.createCompilerHost(parsed.options);
	const { fileExists, readFile } = host;
	host.fileExists = (name) => virtual.has(name) || fileExists(name);
	host.readFile = (name) => virtual.get(name) ?? readFile(name);
	const program = ts.createProgram(parsed.fileNames, parsed.options, host);
	return ts
		.getPreEmitDiagnostics(program)
		.map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
}

describe('templates', () => {
	it('offers blank, static site and Vite + TypeScript, with unique ids', () => {
		expect(templates.map((t) => t.id)).toEqual(['blank', 'static-site', 'vite-ts']);
		for (const t of templates) {
			expect(t.name.length).toBeGreaterThan(0);
			expect(t.description.length).toBeGreaterThan(0);
			expect(Object.keys(t.files).length).toBeGreaterThan(0);
		}
		expect(getTemplate('nope')).toBeUndefined();
	});

	it('blank has a README that says how to start', () => {
		expect(Object.keys(template('blank').files)).toEqual(['README.md']);
		expect(template('blank').files['README.md']).toMatch(/To start/);
	});

	describe('static site', () => {
		const { files } = template('static-site');

		it('references only files it has, and nothing on the network', () => {
			const html = files['index.html']!;
			const references = referencedFiles(html);
			expect(references.sort()).toEqual(['main.js', 'style.css']);
			for (const reference of references) expect(files).toHaveProperty([reference]);
			for (const [name, text] of Object.entries(files)) {
				expect(text, name).not.toMatch(/https?:\/\//);
			}
		});

		it('has valid JavaScript whose element ids exist in the page', () => {
			const js = files['main.js']!;
			expect(() => new Script(js)).not.toThrow();
			const ids = [...js.matchAll(/getElementById\('([^']+)'\)/g)].map((match) => match[1]!);
			expect(ids.length).toBeGreaterThan(2);
			for (const id of ids) expect(files['index.html']).toContain(`id="${id}"`);
		});
	});

	describe('Vite + TypeScript', () => {
		const { files } = template('vite-ts');

		it('has dev and build scripts and Vite and TypeScript as dev dependencies', () => {
			const pkg = JSON.parse(files['package.json']!);
			expect(pkg.scripts.dev).toBe('vite');
			expect(pkg.scripts.build).toContain('vite build');
			expect(Object.keys(pkg.devDependencies).sort()).toEqual(['typescript', 'vite']);
			expect(pkg.type).toBe('module');
		});

		it('loads src/main.ts from index.html and ignores node_modules and dist', () => {
			expect(referencedFiles(files['index.html']!)).toEqual(['src/main.ts']);
			expect(files).toHaveProperty(['src/main.ts']);
			expect(files).toHaveProperty(['src/style.css']);
			const ignored = files['.gitignore']!.split('\n');
			expect(ignored).toContain('node_modules');
			expect(ignored).toContain('dist');
		});

		it('type-checks with its own tsconfig', () => {
			expect(typeCheck(files)).toEqual([]);
		});
	});
});
